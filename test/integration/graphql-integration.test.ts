// GraphQL integrations end to end on the built container: a real GraphQL server (graphql-http)
// on loopback that wants a bearer token is added by URL (introspected through the network
// guard: refused without a credential, ready after a connection and a refresh) and by pasted
// SDL with a base URL; agent programs over /mcp chain queries and mutations, meet partial data
// and a selection set refused locally, and the history records each call.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { FIXTURE_SDL, startGraphQlFixture, type GraphQlFixture } from '~/server/integrations/graphql/graphql-fixture'
import { call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'

const TOKEN = 'ghp_graphql_fixture_token_77'
let server: BunServer
let owner: Session
let ownerKey: string
let fixture: GraphQlFixture

beforeAll(async () => {
  fixture = await startGraphQlFixture({ token: TOKEN })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Gia Owner'))
  ownerKey = await createApiKey(server.url, owner)
})
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

async function execute(code: string) {
  const mcp = await connectMcp(server.url, ownerKey)
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code } })) as Result
  } finally {
    await mcp.close()
  }
}

const addConnection = (slug: string) =>
  call(server.url, `/api/integrations/${slug}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'bearer', token: TOKEN } },
  })

test('added by URL: refused without a credential, ready after a connection and a refresh', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'graphql', slug: 'gh', url: fixture.url } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  expect(added.body).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('needs a credential to be introspected (HTTP 401): add a connection with one, then refresh') })
  expect(added.body).toMatchObject({ details: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } })
  expect(fixture.requests.at(-1)).toBe('') // the guard let the introspection through; the fixture refused it

  expect((await addConnection('gh')).status).toBe(201)
  const refreshed = await call(server.url, '/api/integrations/gh/refresh', { cookie: owner.cookie, method: 'POST' })
  expect(refreshed.body, JSON.stringify(refreshed.body)).toMatchObject({
    status: 'ready',
    toolCount: 10,
    effectiveBaseUrl: fixture.url,
    details: { servers: [fixture.url], warningCount: 1, warnings: [expect.stringContaining('subscription')] },
  })
  expect(fixture.requests.at(-1)).toBe(`Bearer ${TOKEN}`)
  // the schema is kept for local validation, but no view carries it
  expect(JSON.stringify(refreshed.body)).not.toContain('type Repo')
  const [stored] = await sql(server.dataDir, "select details from integration where slug = 'gh'")
  expect(String(stored?.details)).toContain('type Repo implements Node')
  const tools = await call(server.url, '/api/integrations/gh/tools?limit=50', { cookie: owner.cookie })
  expect((tools.body.tools as Array<{ path: string }>).map((t) => t.path).sort()).toEqual([
    'mutation.createRepo', 'mutation.deleteRepo', 'mutation.starRepo',
    'query.actor', 'query.health', 'query.node', 'query.now', 'query.repo', 'query.repos', 'query.viewer',
  ])
})

test('a program chains query → mutation → query with a selection, and the history shows each POST', async () => {
  // Mutations need approval by default (the approval tests cover that); these ones are allowed.
  const allowed = await call(server.url, '/api/policies', { cookie: owner.cookie, body: { pattern: 'gh.mutation.*', action: 'allow' } })
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(201)
  const result = await execute(
    `const before = await tools.gh.query.repos({ filter: { status: 'OPEN' } })
     const created = await tools.gh.mutation.createRepo({ input: { name: 'from-agent', topics: ['x'] } })
     await tools.gh.mutation.starRepo({ id: created.data.createRepo.id, times: 7 })
     const after = await tools.gh.query.repo({ id: created.data.createRepo.id, select: 'name stars owner { login }' })
     const actor = await tools.gh.query.actor({ login: 'octo' })
     return { before: before.data.repos.map((r) => r.name), created: created.data.createRepo, after: after.data.repo, actor: actor.data.actor.__typename }`,
  )
  expect(result.isError, JSON.stringify(result)).toBeFalsy()
  expect(result.structuredContent).toMatchObject({
    status: 'completed',
    result: {
      before: ['hello-world'],
      created: { name: 'from-agent', status: 'OPEN', stars: 0, owner: { login: 'octo' } },
      after: { name: 'from-agent', stars: 7, owner: { login: 'octo' } },
      actor: 'User',
    },
  })
  // values travelled as variables, never inside the document
  const starred = fixture.operations.find((op) => op.query.includes('starRepo'))
  expect(starred).toMatchObject({ variables: { id: expect.any(String), times: 7 }, authorization: `Bearer ${TOKEN}` })
  expect(starred?.query).not.toContain('7')

  const executionId = String(result.structuredContent?.executionId ?? result.structuredContent?.id)
  const history = await call(server.url, `/api/executions/${executionId}`, { cookie: owner.cookie })
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'gh.query.repos', integration: 'gh', connection: 'org.main', method: 'POST', httpStatus: 200, ok: true }),
    expect.objectContaining({ path: 'gh.mutation.createRepo', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'gh.mutation.starRepo', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'gh.query.repo', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'gh.query.actor', method: 'POST', httpStatus: 200 }),
  ])
})

test('GraphQL errors reach the agent with paths and the partial data; a refused selection is never sent', async () => {
  const partial = await execute('try { await tools.gh.query.health() } catch (e) { return e.message }')
  const message = String(partial.structuredContent?.result)
  expect(message).toContain('the health probe broke (at health.broken)')
  expect(message).toContain('Partial data: {"health":{"ok":"fine","broken":null}}')

  const before = fixture.requests.length
  const invalid = await execute(`try { await tools.gh.query.repo({ id: 'R1', select: '{ name secrets }' }) } catch (e) { return e.message }`)
  expect(String(invalid.structuredContent?.result)).toContain('does not fit the GraphQL schema (nothing was sent)')
  expect(String(invalid.structuredContent?.result)).toContain('Cannot query field "secrets" on type "Repo"')
  expect(fixture.requests.length).toBe(before)
})

test('search finds query.<field> tools, with their input from the schema', async () => {
  const found = await execute('return await tools.executor.search({ query: "repository by its id" })')
  expect((found.structuredContent?.result as Array<{ path: string }>).map((hit) => hit.path)).toContain('gh.query.repo')
  const described = await execute('return await tools.executor.describe({ path: "gh.mutation.createRepo" })')
  expect(described.structuredContent?.result).toMatchObject({
    annotations: { destructiveHint: true },
    inputSchema: { required: ['input'], properties: { input: { properties: { status: { enum: ['OPEN', 'ARCHIVED'] } } } } },
  })
})

test('added as pasted SDL: calls go to the base URL; without one, the agent is told to set it', async () => {
  const added = await call(server.url, '/api/integrations', {
    cookie: owner.cookie,
    body: { kind: 'graphql', slug: 'pasted', document: FIXTURE_SDL, baseUrl: fixture.url },
  })
  expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready', toolCount: 10, effectiveBaseUrl: fixture.url })
  expect((await addConnection('pasted')).status).toBe(201)
  const viewer = await execute('const r = await tools.pasted.query.viewer({ select: "login" }); return r.data.viewer')
  expect(viewer.structuredContent).toMatchObject({ status: 'completed', result: { login: 'octo' } })

  const bare = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'graphql', slug: 'bare', document: FIXTURE_SDL } })
  expect(bare.body).toMatchObject({ status: 'ready', effectiveBaseUrl: null })
  expect((await addConnection('bare')).status).toBe(201)
  const noEndpoint = await execute('try { await tools.bare.query.now() } catch (e) { return e.message }')
  expect(String(noEndpoint.structuredContent?.result)).toContain("sets the endpoint URL as the integration's base URL")
  const garbage = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'graphql', slug: 'broken', document: 'type Query { a: Nope }' } })
  expect(garbage.body).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('Unknown type "Nope"') })
})
