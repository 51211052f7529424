// The GraphQL kind end to end below the HTTP API: introspection through the real network guard
// (local network allowed) against a real graphql-http server on 127.0.0.1, then calls.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createUnpinnedConnector } from '../../net/fetch-connector'
import { createGuardedFetch } from '../../net/guarded-fetch'
import { createStaticResolver } from '../../net/static-resolver'
import type { ToolCallDetails } from '../../sandbox/outcome'
import { graphQlKind } from '../kinds/graphql-kind'
import { NeedsCredentialError, type CallContext, type ImportedIntegration } from '../kinds/kind'
import { ToolCallError } from '../kinds/tool-call-error'
import type { Credential } from '../openapi/credentials'
import { FIXTURE_SDL, startGraphQlFixture, type GraphQlFixture } from './graphql-fixture'

const TOKEN = 'gql_token_5b2e91d7'
let fixture: GraphQlFixture
let imported: ImportedIntegration
const fetch = createGuardedFetch({ resolver: createStaticResolver({}), connector: createUnpinnedConnector(), allowLocalNetwork: true })
const bearer: Credential = { type: 'bearer', token: TOKEN }

beforeAll(async () => {
  fixture = await startGraphQlFixture({ token: TOKEN })
  imported = await graphQlKind.read({ url: fixture.url }, { fetch, credential: bearer })
})
afterAll(() => fixture.close())

function context(overrides: Partial<CallContext> = {}, details: ToolCallDetails[] = []): CallContext {
  return {
    fetch,
    baseUrl: null,
    defaultBaseUrl: fixture.url,
    credential: bearer,
    connectionName: 'gh org.main',
    connectionId: 'con_1',
    integrationId: 'int_graphql_test',
    integrationDetails: { schema: imported.schema },
    signal: AbortSignal.timeout(10_000),
    maxResponseBytes: 1024 * 1024,
    annotate: (detail) => details.push(detail),
    ...overrides,
  }
}

const tool = (path: string) => {
  const found = imported.tools.find((t) => t.path === path)
  if (!found) throw new Error(`no tool ${path}`)
  return found
}

async function rejection(promise: Promise<unknown>): Promise<ToolCallError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(ToolCallError)
  return error as ToolCallError
}

test('introspection without a credential ends as needs-a-credential with a bearer guess', async () => {
  const error = await graphQlKind.read({ url: fixture.url }, { fetch }).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(NeedsCredentialError)
  expect((error as NeedsCredentialError).message).toMatch(/needs a credential to be introspected \(HTTP 401\): add a connection with one, then refresh/)
  expect((error as NeedsCredentialError).securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } })
  const wrong = await graphQlKind.read({ url: fixture.url }, { fetch, credential: { type: 'bearer', token: 'nope' } }).catch((caught: unknown) => caught)
  expect((wrong as Error).message).toContain("refused the connection's credential")
})

test('introspection with the credential gives the tools, the endpoint, and the schema to keep', () => {
  expect(imported).toMatchObject({ servers: [fixture.url], needsCredential: true, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } })
  expect(imported.tools.map((t) => t.path)).toContain('mutation.createRepo')
  expect(imported.schema).toContain('type Repo implements Node')
  expect(imported.schema).not.toContain('A repository by its id') // descriptions stay in the tools
  expect(imported.warnings).toEqual([expect.stringContaining('subscription')])
})

test('pasted SDL and introspection JSON read the same; garbage is refused clearly', async () => {
  const sdl = await graphQlKind.read({ document: FIXTURE_SDL }, { fetch })
  expect(sdl.tools.map((t) => t.path)).toEqual(imported.tools.map((t) => t.path))
  expect(sdl.servers).toEqual([])
  const response = await fetch(fixture.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: (await import('graphql')).getIntrospectionQuery() }),
  })
  const json = await response.text()
  const fromJson = await graphQlKind.read({ document: json }, { fetch })
  expect(fromJson.tools.length).toBe(imported.tools.length)
  const unwrapped = await graphQlKind.read({ document: JSON.stringify((JSON.parse(json) as { data: unknown }).data) }, { fetch })
  expect(unwrapped.tools.length).toBe(imported.tools.length)
  await expect(graphQlKind.read({ document: 'type Query { broken( }' }, { fetch })).rejects.toThrow(/The GraphQL schema \(SDL\) could not be read: Syntax Error/)
  await expect(graphQlKind.read({ document: '{"data":{}}' }, { fetch })).rejects.toThrow('has no "__schema"')
  await expect(graphQlKind.read({ document: 'type Query { a: Missing }' }, { fetch })).rejects.toThrow('Unknown type "Missing"')
})

test('a call sends the arguments as variables with the credential and annotates POST and the status', async () => {
  const details: ToolCallDetails[] = []
  const result = await graphQlKind.call(tool('query.repo'), { id: 'R1' }, context({}, details))
  expect(result).toEqual({ data: { repo: expect.objectContaining({ id: 'R1', name: 'hello-world', status: 'OPEN', owner: expect.objectContaining({ login: 'octo' }) }) } })
  expect(fixture.operations.at(-1)).toMatchObject({ variables: { id: 'R1' }, authorization: `Bearer ${TOKEN}` })
  expect(fixture.operations.at(-1)?.query).toContain('query Repo($id: ID!) { repo(id: $id)')
  expect(details).toEqual([{ method: 'POST' }, { httpStatus: 200 }])
})

test('GraphQL errors fail the call with messages and paths, partial data alongside', async () => {
  const error = await rejection(graphQlKind.call(tool('query.health'), {}, context()))
  expect(error.message).toContain('the health probe broke (at health.broken)')
  expect(error.message).toContain('Partial data: {"health":{"ok":"fine","broken":null}}')
})

test('a selection the schema refuses is never sent', async () => {
  const before = fixture.requests.length
  const error = await rejection(graphQlKind.call(tool('query.repo'), { id: 'R1', select: '{ name missing }' }, context()))
  expect(error.message).toContain('Cannot query field "missing" on type "Repo"')
  expect(fixture.requests.length).toBe(before)
})

test('no endpoint, a rejected credential, and an echoed secret', async () => {
  const none = await rejection(graphQlKind.call(tool('query.now'), {}, context({ defaultBaseUrl: null })))
  expect(none.message).toContain("set the endpoint URL as the integration's base URL".replace('set', 'sets'))
  const details: ToolCallDetails[] = []
  const rejected = await rejection(graphQlKind.call(tool('query.now'), {}, context({ credential: { type: 'bearer', token: 'wrong' } }, details)))
  expect(rejected.message).toContain('rejected the credential of connection "gh org.main" (HTTP 401)')
  expect(details.at(-1)).toEqual({ httpStatus: 401 })
  // the agent's own string is echoed back in the answer; the token it equals is redacted
  const echoed = (await graphQlKind.call(tool('query.actor'), { login: TOKEN, select: '{ ... on Bot { name } }' }, context())) as { data: { actor: { name: string } } }
  expect(echoed.data.actor.name).toBe('[redacted]')
})

test('the introspection answer is kept as the source, with the credential that read it redacted', async () => {
  expect(imported.source).toMatchObject({ contentType: 'application/json', fileSuffix: '.introspection.json' })
  expect(JSON.parse(imported.source?.text ?? '')).toMatchObject({ data: { __schema: expect.any(Object) } })
  // An endpoint that echoes the Authorization header it got into its answer.
  const http = await import('node:http')
  const echo = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const upstream = await globalThis.fetch(fixture.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' }, body: Buffer.concat(chunks) })
      const answer = (await upstream.json()) as Record<string, unknown>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...answer, extensions: { seen: request.headers.authorization } }))
    })
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(echo.address() as { port: number }).port}/graphql`
    const echoed = await graphQlKind.read({ url }, { fetch, credential: bearer })
    expect(echoed.source?.text).toContain('"seen":"Bearer [redacted]"')
    expect(echoed.source?.text).not.toContain(TOKEN)
  } finally {
    await new Promise((resolve) => echo.close(resolve))
  }
})

test('a pasted schema is kept as pasted: SDL as .graphql text, introspection JSON as JSON', async () => {
  expect((await graphQlKind.read({ document: FIXTURE_SDL }, { fetch })).source).toEqual({ text: FIXTURE_SDL, contentType: 'text/plain; charset=utf-8', fileSuffix: '.graphql' })
})
