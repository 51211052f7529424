import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { AppError } from '~/server/http/app-error'
import { importOpenApi } from './import-document'

const petstore = readFileSync(join(import.meta.dirname, '../../../test/fixtures/petstore-openapi.yaml'), 'utf8')
const doc = (paths: object, extra: object = {}) => JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, ...extra })

describe('the petstore description', () => {
  test('yields one tool per operation with grouped, camelCased paths', async () => {
    const result = await importOpenApi(petstore)
    expect(result.title).toBe('Swagger Petstore - OpenAPI 3.0')
    expect(result.specVersion).toBe('3.0.4')
    expect(result.servers).toEqual(['https://petstore3.swagger.io/api/v3'])
    expect(result.tools.map((tool) => tool.path)).toEqual(
      expect.arrayContaining(['pet.updatePet', 'pet.addPet', 'pet.findPetsByStatus', 'pet.getPetById', 'pet.deletePet', 'store.placeOrder', 'user.loginUser']),
    )
    expect(result.tools).toHaveLength(19)
    expect(result.securitySchemes).toMatchObject({ api_key: { type: 'apiKey', in: 'header', name: 'api_key' }, petstore_auth: { type: 'oauth2' } })
  })

  test('inputs, outputs and annotations of getPetById and deletePet', async () => {
    const { tools } = await importOpenApi(petstore)
    const get = tools.find((tool) => tool.path === 'pet.getPetById')!
    expect(get.inputSchema).toMatchObject({ type: 'object', required: ['petId'], properties: { petId: { type: 'integer', description: 'ID of pet to return' } } })
    expect(get.outputSchema).toMatchObject({ properties: { data: { type: 'object', required: ['name', 'photoUrls'] } } })
    expect(get.annotations).toEqual({ readOnlyHint: true, idempotentHint: true })
    expect(get.operation.security).toEqual(['api_key', 'petstore_auth'])
    const del = tools.find((tool) => tool.path === 'pet.deletePet')!
    expect(del.annotations).toEqual({ destructiveHint: true, idempotentHint: true })
    expect(Object.keys(del.inputSchema.properties as object).sort()).toEqual(['api_key', 'petId'])
    const add = tools.find((tool) => tool.path === 'pet.addPet')!
    expect(add.inputSchema.required).toEqual(['body'])
    expect(add.operation.body?.contentTypes).toEqual(['application/json', 'application/xml', 'application/x-www-form-urlencoded'])
    expect((add.inputSchema.properties as Record<string, unknown>).contentType).toMatchObject({ enum: add.operation.body?.contentTypes })
    expect(add.annotations).toEqual({})
  })
})

describe('messy documents', () => {
  test('operationIds with slashes and spaces, missing ones, leading digits', async () => {
    const { tools } = await importOpenApi(
      doc({
        '/repos/{owner}/{repo}': { get: { operationId: 'repos/get for org', tags: ['Repo Admin'] } },
        '/pets/{petId}': { get: {} },
        '/2fa': { post: { operationId: '2fa enable!' } },
      }),
    )
    expect(tools.map((tool) => tool.path)).toEqual(['repoAdmin.reposGetForOrg', 'pets.getPetsByPetId', '_2fa._2faEnable'])
  })

  test('duplicate names get stable suffixes by path then method, whatever the document order', async () => {
    const a = { '/b': { get: { operationId: 'list' } }, '/a': { post: { operationId: 'list' }, get: { operationId: 'list' } } }
    const b = { '/a': { get: { operationId: 'list' }, post: { operationId: 'list' } }, '/b': { get: { operationId: 'list' } } }
    const byRoute = async (paths: object) =>
      Object.fromEntries((await importOpenApi(doc(paths))).tools.map((tool) => [`${tool.operation.method} ${tool.operation.path}`, tool.path]))
    const expected = { 'get /a': 'a.list', 'post /a': 'a.list_2', 'get /b': 'b.list' }
    expect(await byRoute(a)).toEqual(expected)
    expect(await byRoute(b)).toEqual(expected)
  })

  test('a recursive schema becomes finite JSON with a placeholder', async () => {
    const { tools } = await importOpenApi(
      doc(
        { '/nodes': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } } } },
        { components: { schemas: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } } } },
      ),
    )
    const data = (tools[0]!.outputSchema.properties as Record<string, unknown>).data
    expect(data).toEqual({ type: 'object', properties: { children: { type: 'array', items: { description: 'recursive: Node' } } } })
    expect(() => JSON.stringify(tools)).not.toThrow()
  })

  test('parameters sharing a name across locations are disambiguated; OpenAPI 3.0 nullable becomes a type array', async () => {
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/items/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          put: {
            parameters: [
              { name: 'id', in: 'header', schema: { type: 'string', nullable: true }, description: 'a header' },
              { name: 'body', in: 'query', schema: { type: 'string' } },
            ],
            requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } } },
          },
        },
      },
    })
    const [tool] = (await importOpenApi(text)).tools
    const properties = tool!.inputSchema.properties as Record<string, Record<string, unknown>>
    expect(Object.keys(properties).sort()).toEqual(['body', 'header_id', 'id', 'query_body'])
    expect(properties.header_id).toMatchObject({ type: ['string', 'null'], description: 'a header' })
    expect(properties.body).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] })
    expect(tool!.inputSchema.required).toEqual(['id', 'body'])
    expect(tool!.operation.parameters.find((p) => p.in === 'header')?.inputName).toBe('header_id')
  })

  test('servers with variables, relative servers, security fallback and external refs warn instead of failing', async () => {
    const result = await importOpenApi(
      doc(
        {
          '/open': { get: { security: [] } },
          '/ext': { get: { parameters: [{ name: 'q', in: 'query', schema: { $ref: 'other.yaml#/Q' } }] } },
          '/bad': { get: { parameters: [{ name: 'q', in: 'query', schema: { $ref: '#/components/schemas/Missing' } }] } },
        },
        {
          servers: [{ url: 'https://{region}.example.com/v1', variables: { region: { default: 'eu' } } }, { url: '/api' }],
          security: [{ token: [] }],
          components: { securitySchemes: { token: { type: 'http', scheme: 'Bearer' } } },
          webhooks: { ping: {} },
        },
      ),
    )
    expect(result.servers).toEqual(['https://eu.example.com/v1', '/api'])
    expect(result.securitySchemes).toEqual({ token: { type: 'http', scheme: 'bearer' } })
    expect(result.tools.find((t) => t.operation.path === '/open')!.operation.security).toEqual([])
    expect(result.tools.find((t) => t.operation.path === '/ext')!.operation.security).toEqual(['token'])
    for (const expected of [/\/api in the document is relative/, /external \$ref other\.yaml#\/Q was not fetched/, /#\/components\/schemas\/Missing points to nothing/]) {
      expect(result.warnings.some((warning) => expected.test(warning))).toBe(true)
    }
    expect(result.warnings.some((w) => w.includes('webhooks'))).toBe(true)
    const withBase = await importOpenApi(doc({}, { servers: [{ url: '/api' }] }), { baseUrl: 'https://docs.example.com/spec.json' })
    expect(withBase.servers).toEqual(['https://docs.example.com/api'])
  })

  test('Swagger 2.0 converts to tools', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Petstore', version: '1' },
      host: 'petstore.swagger.io',
      basePath: '/v2',
      schemes: ['https'],
      paths: {
        '/pet/{petId}': {
          get: {
            tags: ['pet'],
            operationId: 'getPetById',
            produces: ['application/json'],
            parameters: [{ name: 'petId', in: 'path', required: true, type: 'integer' }],
            responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/Pet' } } },
          },
        },
      },
      definitions: { Pet: { type: 'object', properties: { name: { type: 'string' } } } },
    }
    const result = await importOpenApi(JSON.stringify(swagger))
    // The version it declared, for the console's "Swagger 2.0 (converted)".
    expect(result.specVersion).toBe('2.0')
    expect(result.servers).toEqual(['https://petstore.swagger.io/v2'])
    expect(result.tools[0]).toMatchObject({
      path: 'pet.getPetById',
      inputSchema: { properties: { petId: { type: 'integer' } } },
      outputSchema: { properties: { data: { type: 'object', properties: { name: { type: 'string' } } } } },
    })
  })

  test.each([
    ['', /empty/],
    ['{ not json', /not valid JSON/],
    ['a: [b', /neither valid JSON nor valid YAML/],
    ['- 1\n- 2', /must be a JSON or YAML object/],
    ['{"info": {}}', /Not an OpenAPI 2.0, 3.0 or 3.1 description/],
  ])('%j is refused with a clear BAD_REQUEST', async (text, message) => {
    const error = await importOpenApi(text).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('BAD_REQUEST')
    expect((error as AppError).message).toMatch(message)
  })
})
