// Remote MCP servers as integrations on the built container: real MCP servers (the SDK's server)
// on loopback, added by URL, called by agent programs over /mcp through the pooled upstream
// sessions; pagination, isError, cancellation on timeout, list_changed, unknown tools, a server
// restart, the older HTTP+SSE transport and a bearer-protected server.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startMcpTestServer, startSseOnlyMcpServer, type McpTestServer } from '~/server/integrations/mcp/mcp-test-server'
import { call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'

const TOKEN = 'mcp-bearer-51c0e7d2'
let server: BunServer
let owner: Session
let apiKey: string
let upstream: McpTestServer
let sseOnly: McpTestServer
let guarded: McpTestServer

beforeAll(async () => {
  upstream = await startMcpTestServer({ pageSize: 4, fillers: 6 })
  sseOnly = await startSseOnlyMcpServer()
  guarded = await startMcpTestServer({ token: TOKEN })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Iris Owner'))
  apiKey = await createApiKey(server.url, owner)
})
afterAll(async () => {
  await stopAll()
  await Promise.all([upstream?.close(), sseOnly?.close(), guarded?.close()])
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

async function execute(code: string, limits?: Record<string, number>) {
  const mcp = await connectMcp(server.url, apiKey)
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code, ...(limits ? { limits } : {}) } })) as Result
  } finally {
    await mcp.close()
  }
}

async function toolPaths(slug: string): Promise<string[]> {
  const listed = await call(server.url, `/api/integrations/${slug}/tools?limit=100`, { cookie: owner.cookie })
  return (listed.body.tools as Array<{ path: string }>).map((t) => t.path)
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('an MCP server added by URL is ready with every page of its tools', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'mcp', slug: 'fixture', url: upstream.url } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  expect(added.body).toMatchObject({ kind: 'mcp', status: 'ready', toolCount: 13, name: 'Fixture MCP', sourceUrl: upstream.url })
  expect(upstream.received.filter((m) => m === 'tools/list')).toHaveLength(4)
  const paths = await toolPaths('fixture')
  expect(paths).toEqual(expect.arrayContaining(['echo', 'get_issue', 'repo_delete', 'filler_06', 'sleep']))
  const described = await execute('return await tools.executor.describe({ path: "fixture.get_issue" })')
  expect(described.structuredContent?.result).toMatchObject({
    path: 'fixture.get_issue',
    description: 'Reads one issue by number.',
    annotations: { readOnlyHint: true },
    inputSchema: { required: ['number'] },
  })
})

test('a program calls several upstream tools: results, isError and images pass through, history says tools/call', async () => {
  const result = await execute(
    `const echo = await tools.fixture.echo({ message: 'hello' })
     const issue = await tools.fixture.get_issue({ number: 7 })
     let failure
     try { await tools.fixture.fail({}) } catch (e) { failure = e.message }
     const pixel = await tools.fixture.org.main.pixel({})
     return { echo: echo.structuredContent, text: echo.text, issue: JSON.parse(issue.text), failure, image: pixel.content[0] }`,
  )
  expect(result.isError, JSON.stringify(result)).toBeFalsy()
  expect(result.structuredContent).toMatchObject({
    status: 'completed',
    result: {
      echo: { message: 'hello', length: 5 },
      text: 'echo: hello',
      issue: { number: 7, title: 'Issue 7', state: 'open' },
      failure: 'the widget is broken',
      image: { type: 'image', mimeType: 'image/png', data: expect.any(String) },
    },
  })
  const executionId = String(result.structuredContent?.executionId ?? result.structuredContent?.id)
  const history = await call(server.url, `/api/executions/${executionId}`, { cookie: owner.cookie })
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'fixture.echo', integration: 'fixture', method: 'tools/call', ok: true }),
    expect.objectContaining({ path: 'fixture.get_issue', method: 'tools/call', ok: true }),
    expect.objectContaining({ path: 'fixture.fail', method: 'tools/call', ok: false }),
    expect.objectContaining({ path: 'fixture.org.main.pixel', connection: 'org.main', method: 'tools/call', ok: true }),
  ])
})

test('an execution that times out cancels the sleeping upstream call (notifications/cancelled)', async () => {
  const before = upstream.cancelled.length
  const result = await execute('return await tools.fixture.sleep({ ms: 30000 })', { timeoutMs: 1_000 })
  expect(result.structuredContent).toMatchObject({ status: 'failed', error: { kind: 'timeout' } })
  await waitFor(() => upstream.cancelled.length > before)
  await waitFor(() => upstream.sleepsCancelled > 0)
})

test('a tool added upstream (list_changed) becomes callable', async () => {
  await execute('return await tools.fixture.echo({ message: "keep a session open" })')
  upstream.addTool({
    name: 'late-tool',
    description: 'Added while running.',
    inputSchema: { type: 'object', properties: {} },
    run: async () => ({ content: [{ type: 'text', text: 'late and here' }] }),
  })
  await waitFor(async () => (await toolPaths('fixture')).includes('late_tool'))
  const result = await execute('return (await tools.fixture.late_tool({})).text')
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: 'late and here' })
})

test('a tool added upstream without any notification is found when a program calls it (one refresh)', async () => {
  upstream.addTool(
    {
      name: 'quiet-tool',
      description: 'Added without telling anyone.',
      inputSchema: { type: 'object', properties: {} },
      run: async () => ({ content: [{ type: 'text', text: 'quiet but here' }] }),
    },
    { notify: false },
  )
  expect(await toolPaths('fixture')).not.toContain('quiet_tool')
  const lists = upstream.received.filter((m) => m === 'tools/list').length
  const result = await execute('return (await tools.fixture.quiet_tool({})).text')
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: 'quiet but here' })
  expect(upstream.received.filter((m) => m === 'tools/list').length - lists).toBe(4)
  // A name that is nowhere, even after the refresh, is an unknown tool (and costs one refresh per execution).
  const missing = await execute('try { await tools.fixture.nowhere({}) } catch (e) { return e.message }')
  expect(String(missing.structuredContent?.result)).toContain('Unknown tool tools.fixture.nowhere')
})

test('a tool the server no longer knows triggers one refresh of the list, then the error', async () => {
  upstream.removeTool('whoami')
  const lists = upstream.received.filter((m) => m === 'tools/list').length
  const result = await execute('try { await tools.fixture.whoami({}) } catch (e) { return e.message }')
  expect(String(result.structuredContent?.result)).toContain('no longer offers whoami')
  // one refresh: the four pages of tools/list once
  expect(upstream.received.filter((m) => m === 'tools/list').length - lists).toBe(4)
  expect(await toolPaths('fixture')).not.toContain('whoami')
})

test('an upstream restart (sessions forgotten) is recovered transparently', async () => {
  await execute('return await tools.fixture.echo({ message: "before" })')
  const initializes = upstream.received.filter((m) => m === 'initialize').length
  await upstream.restart()
  const result = await execute('return (await tools.fixture.echo({ message: "after" })).text')
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: 'echo: after' })
  expect(upstream.received.filter((m) => m === 'initialize').length).toBe(initializes + 1)
})

test('a server speaking only the older HTTP+SSE transport works', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'mcp', slug: 'oldsse', url: sseOnly.url } })
  expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready', toolCount: 15 })
  const result = await execute('return (await tools.oldsse.echo({ message: "over sse" })).structuredContent')
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: { message: 'over sse', length: 8 } })
})

test('a bearer-protected server fails asking for a connection; with a bearer connection and a refresh it is ready', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'mcp', slug: 'locked', url: guarded.url } })
  expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('add a connection') })
  const id = String(added.body.id)
  const read = await call(server.url, `/api/integrations/${id}`, { cookie: owner.cookie })
  expect(read.body).toMatchObject({
    details: {
      securitySchemes: {
        oauth2: { type: 'oauth2', challenge: { resourceMetadata: expect.stringContaining('/.well-known/oauth-protected-resource'), scope: 'tools:read tools:call' } },
      },
    },
  })
  const connection = await call(server.url, `/api/integrations/${id}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'bearer', token: TOKEN } },
  })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
  const refreshed = await call(server.url, `/api/integrations/${id}/refresh`, { cookie: owner.cookie, method: 'POST' })
  expect(refreshed.body, JSON.stringify(refreshed.body)).toMatchObject({ status: 'ready', toolCount: 15, statusMessage: null })
  const result = await execute('return (await tools.locked.whoami({})).text')
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: 'you sent Bearer [redacted]' })
  expect(JSON.stringify(result)).not.toContain(TOKEN)
})
