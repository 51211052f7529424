// A description split over several files, served by a real HTTP server on 127.0.0.1 and read
// through the real network guard (local network allowed so loopback is reachable). A second
// server is another origin: a `$ref` to it must never reach it.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { AppError } from '~/server/http/app-error'
import { createUnpinnedConnector } from '~/server/net/fetch-connector'
import { createGuardedFetch } from '~/server/net/guarded-fetch'
import { createStaticResolver } from '~/server/net/static-resolver'
import { startTestServer, type TestServer } from '~/server/net/test-servers'
import { EXTERNAL_REF_LIMITS } from './fetch-external-document'
import { importOpenApi } from './import-document'

let api: TestServer
let other: TestServer
let files: Record<string, string> = {}

beforeAll(async () => {
  const serve = (request: { path: string }, response: import('node:http').ServerResponse) => {
    const path = new URL(request.path, 'http://x').pathname
    if (path === '/moved/pet.yaml') {
      response.writeHead(302, { location: '/specs/schemas/pet.yaml' })
      return void response.end()
    }
    const body = files[path]
    if (body === undefined) {
      response.writeHead(404)
      return void response.end('not found')
    }
    response.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/yaml' })
    response.end(body)
  }
  api = await startTestServer(serve)
  other = await startTestServer(serve)
})
afterAll(async () => {
  await api.close()
  await other.close()
})
afterEach(() => {
  api.seen.length = 0
  other.seen.length = 0
})

const guardedFetch = () => createGuardedFetch({ resolver: createStaticResolver({}), connector: createUnpinnedConnector(), allowLocalNetwork: true })

function serveMultiFile() {
  files = {
    '/specs/main.yaml': `
openapi: 3.1.0
info: { title: Split, version: '1' }
servers: [{ url: 'https://api.example.com' }]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - $ref: 'parameters.json#/limit'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: 'schemas/pet.yaml#/Pet' } }
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema: { $ref: '${api.origin}/moved/pet.yaml#/Pet' }
      responses:
        default: { $ref: '#/components/responses/Error' }
  /elsewhere:
    get:
      operationId: elsewhere
      parameters:
        - { name: q, in: query, schema: { $ref: '${other.origin}/specs/evil.yaml#/Q' } }
        - { name: gone, in: query, schema: { $ref: 'missing.yaml#/Gone' } }
components:
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: { $ref: 'common.yaml#/Error' }
`,
    '/specs/parameters.json': JSON.stringify({ limit: { name: 'limit', in: 'query', description: 'page size', schema: { type: 'integer', maximum: 100 } } }),
    '/specs/schemas/pet.yaml': `
Pet:
  type: object
  required: [name]
  properties:
    name: { type: string }
    owner: { $ref: '../common.yaml#/Owner' }
`,
    '/specs/common.yaml': `
Owner:
  type: object
  properties: { email: { type: string, format: email } }
Error:
  type: object
  properties: { message: { type: string } }
`,
    '/specs/evil.yaml': 'Q: { type: string }',
  }
}

test('$refs to other files on the same origin are fetched through the guard; another origin is never asked', async () => {
  serveMultiFile()
  const progress: { phase: string; done?: number }[] = []
  const result = await importOpenApi(files['/specs/main.yaml'] as string, {
    sourceUrl: `${api.origin}/specs/main.yaml`,
    fetch: guardedFetch(),
    onProgress: (p) => progress.push(p),
  })
  const byId = Object.fromEntries(result.tools.map((tool) => [tool.operation.operationId, tool]))
  expect(byId.listPets!.inputSchema.properties).toEqual({ limit: { type: 'integer', maximum: 100, description: 'page size' } })
  expect(byId.listPets!.operation.parameters).toEqual([{ name: 'limit', in: 'query', required: false, description: 'page size' }])
  expect((byId.listPets!.outputSchema.properties as Record<string, unknown>).data).toEqual({
    type: 'array',
    items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } } } } },
  })
  // Absolute, same origin, through a same-origin redirect.
  expect((byId.addPet!.inputSchema.properties as Record<string, { required?: string[] }>).body?.required).toEqual(['name'])

  expect(other.seen).toEqual([])
  const fetched = api.seen.map((request) => request.path).sort()
  expect(fetched).toEqual(['/moved/pet.yaml', '/specs/common.yaml', '/specs/missing.yaml', '/specs/parameters.json', '/specs/schemas/pet.yaml'])
  expect(result.warnings).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`external \\$ref ${other.origin}/specs/evil.yaml#/Q is on another origin`)),
      expect.stringMatching(/external \$ref missing\.yaml#\/Gone was not fetched \(.*missing\.yaml answered HTTP 404\)/),
    ]),
  )
  const elsewhere = byId.elsewhere!.inputSchema.properties as Record<string, { description?: string }>
  expect(elsewhere.q?.description).toMatch(/external reference not fetched/)
  // One `resolving` report per fetched file (parameters.json, pet.yaml once though reached by two URLs, common.yaml).
  expect(progress).toEqual([
    { phase: 'parsing' },
    { phase: 'resolving' },
    ...[1, 2, 3].map((done) => ({ phase: 'resolving', done })),
    { phase: 'converting', done: 0, total: 3 },
    { phase: 'converting', done: 3, total: 3 },
    { phase: 'done' },
  ])
})

test('without a fetch or a source URL nothing is fetched, and each external $ref is named in a warning', async () => {
  serveMultiFile()
  const text = files['/specs/main.yaml'] as string
  const noFetch = await importOpenApi(text, { sourceUrl: `${api.origin}/specs/main.yaml` })
  expect(noFetch.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/external \$ref schemas\/pet\.yaml#\/Pet was not fetched/)]))
  const pasted = await importOpenApi(text, { fetch: guardedFetch() })
  expect(pasted.warnings).toEqual(
    expect.arrayContaining([expect.stringMatching(/\$ref parameters\.json#\/limit is relative, but the description has no URL to resolve it against \(it was pasted\)/)]),
  )
  expect(api.seen).toEqual([])
  expect(other.seen).toEqual([])
})

test('the byte cap across external files leaves the rest unresolved with a warning', async () => {
  serveMultiFile()
  files['/specs/common.yaml'] = `${files['/specs/common.yaml']}\n# ${'x'.repeat(4096)}\n`
  const saved = EXTERNAL_REF_LIMITS.bytes
  EXTERNAL_REF_LIMITS.bytes = 2048
  try {
    const result = await importOpenApi(files['/specs/main.yaml'] as string, { sourceUrl: `${api.origin}/specs/main.yaml`, fetch: guardedFetch() })
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/common\.yaml.*was not fetched \(.*over the \d+ bytes left for external files\)/)]))
    expect(result.tools).toHaveLength(3)
  } finally {
    EXTERNAL_REF_LIMITS.bytes = saved
  }
})

test('an aborted import stops with the abort reason', async () => {
  serveMultiFile()
  const controller = new AbortController()
  controller.abort(new AppError('GONE', 'the import was cancelled'))
  const error = await importOpenApi(files['/specs/main.yaml'] as string, { sourceUrl: `${api.origin}/specs/main.yaml`, fetch: guardedFetch(), signal: controller.signal }).catch((e: unknown) => e)
  expect(error).toMatchObject({ code: 'GONE' })
  expect(api.seen).toEqual([])
})
