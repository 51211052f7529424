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
    for (const expected of [/\/api in the document is relative/, /\$ref other\.yaml#\/Q is relative, but the description has no URL to resolve it against \(it was pasted\)/, /#\/components\/schemas\/Missing points to nothing/]) {
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

describe('size: schemas cut deepest-first within a per-tool budget, a whole description within its budget', () => {
  // Order → Customer → Address → Country, each with a long description: levels 0 to 3 of `data`.
  const long = (what: string) => `${what}: ${'lorem ipsum '.repeat(40)}`
  const components = {
    schemas: {
      Order: { type: 'object', description: long('an order'), properties: { id: { type: 'string' }, customer: { $ref: '#/components/schemas/Customer' } }, discriminator: { propertyName: 'kind', mapping: { big: '#/components/schemas/Customer' } }, 'x-internal': { note: long('extension') } },
      Customer: { type: 'object', description: long('a customer'), properties: { 'x-rating': { type: 'integer' }, address: { $ref: '#/components/schemas/Address' } } },
      Address: { type: 'object', description: long('an address'), properties: { country: { $ref: '#/components/schemas/Country' } } },
      Country: { type: 'object', description: long('a country'), properties: { code: { type: 'string' } } },
    },
  }
  const orders = doc(
    { '/orders/{id}': { get: { operationId: 'getOrder', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } } } } },
    { components },
  )

  test('a small budget keeps the first levels and names what it cut; extensions and discriminator mappings go', async () => {
    const { tools } = await importOpenApi(orders, { budgets: { toolSchema: 1_400 } })
    const data = (tools[0]!.outputSchema.properties as Record<string, Record<string, unknown>>).data!
    const customer = (data.properties as Record<string, Record<string, unknown>>).customer!
    expect(customer.description).toMatch(/^a customer/)
    // A property named like an extension is a property, not an extension.
    expect(Object.keys(customer.properties as object)).toEqual(['x-rating', 'address'])
    expect((customer.properties as Record<string, unknown>).address).toEqual({ type: 'object', description: 'Address (truncated: its fields are not listed)' })
    expect(data.discriminator).toEqual({ propertyName: 'kind' })
    expect(data['x-internal']).toBeUndefined()
    expect(JSON.stringify(tools[0]!.outputSchema).length).toBeLessThan(1_700)

    const roomy = await importOpenApi(orders)
    expect(JSON.stringify(roomy.tools[0]!.outputSchema)).toContain('"code":{"type":"string"}')
  })

  test('past the description budget the import is refused, saying by how much', async () => {
    const error = await importOpenApi(orders, { budgets: { descriptionToolJson: 1_000 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^The OpenAPI description is too large: its 1 operations make \d+\.\d MiB of tool JSON, \d+\.\d MiB over the 0\.0 MiB one description may use$/) })
  })
})

describe('progress and abort', () => {
  const many = (count: number) =>
    doc(Object.fromEntries(Array.from({ length: count }, (_, i) => [`/items${i}`, { get: { operationId: `item${i}` } }])))

  test('progress at each phase and every 200 operations', async () => {
    const reports: unknown[] = []
    await importOpenApi(many(450), { onProgress: (progress) => reports.push(progress) })
    expect(reports).toEqual([
      { phase: 'parsing' },
      { phase: 'resolving' },
      { phase: 'converting', done: 0, total: 450 },
      { phase: 'converting', done: 200, total: 450 },
      { phase: 'converting', done: 400, total: 450 },
      { phase: 'converting', done: 450, total: 450 },
      { phase: 'done' },
    ])
  })

  test('an abort during conversion stops the import', async () => {
    const controller = new AbortController()
    const reason = new AppError('GONE', 'cancelled')
    const onProgress = (progress: { done?: number }) => {
      if (progress.done === 200) controller.abort(reason)
    }
    await expect(importOpenApi(many(1_000), { signal: controller.signal, onProgress })).rejects.toBe(reason)
  })
})

test('a real Swagger 2.0 description (petstore-expanded, @readme/oas-examples) keeps every operation, parameter and body', async () => {
  const text = readFileSync(join(import.meta.dirname, '../../../node_modules/@readme/oas-examples/2.0/json/petstore-expanded.json'), 'utf8')
  const swagger = JSON.parse(text) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }
  const operations = Object.entries(swagger.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))
  const result = await importOpenApi(text)
  expect(result.tools).toHaveLength(operations.length)
  for (const { path, method, op } of operations) {
    const tool = result.tools.find((t) => t.operation.path === path && t.operation.method === method)!
    const plain = (op.parameters ?? []).filter((p) => p.in !== 'body').map((p) => `${p.in}:${p.name}`)
    expect(tool.operation.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(plain)
    expect(tool.operation.body !== undefined).toBe((op.parameters ?? []).some((p) => p.in === 'body'))
  }
  const add = result.tools.find((t) => t.path === 'pets.addPet' || t.operation.operationId === 'addPet')!
  expect(add.inputSchema).toMatchObject({ required: ['body'], properties: { body: { required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string' } } } } })
  expect(result.servers).toEqual(['http://petstore.swagger.io/api'])
})

test('a DAG of schemas that doubles at each level is expanded within the budget, not exponentially', { timeout: 10_000 }, async () => {
  const name = (i: number) => `N${i}_${'long_component_name_'.repeat(8)}`
  const schemas = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [name(i), { allOf: [{ $ref: `#/components/schemas/${name(i + 1)}` }, { $ref: `#/components/schemas/${name(i + 1)}` }] }]),
  )
  schemas[name(40)] = { type: 'string' } as never
  const text = doc(
    { '/dag': { post: { requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${name(0)}` } } } } } } },
    { components: { schemas } },
  )
  const [tool] = (await importOpenApi(text)).tools
  expect(JSON.stringify(tool!.inputSchema).length).toBeLessThan(20_000)
})
