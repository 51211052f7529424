// /mcp over streamable HTTP: a real SDK client with an API key, and the protocol's
// edges over raw HTTP.
import { LoggingMessageNotificationSchema, type LoggingMessageNotification, type Progress } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { DEFAULT_LIMITS, MAX_LIMITS } from '../../server/sandbox/limits'

let server: BunServer
let owner: Session
let ownerKey: string
let memberKey: string
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Mia Owner'))
  ownerKey = await createApiKey(server.url, owner)
  const member = await addPerson(server.url, owner, person('Ned Member'), 'member')
  memberKey = await createApiKey(server.url, member)
})
afterAll(stopAll)

type Structured = { executionId: string; status: string; result?: unknown; error?: { kind: string; message: string; line?: number; column?: number }; logs: { level: string; message: string }[]; toolCalls: number }

test('an SDK client lists the tools and runs code with execute', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const { tools } = await mcp.client.listTools()
  expect(tools.map((t) => t.name).sort()).toEqual(['describe', 'execute', 'resume', 'search'])
  const execute = tools.find((t) => t.name === 'execute')
  expect(execute?.description).toContain('tools.executor.search')
  expect(execute?.outputSchema).toBeDefined()

  const run = await mcp.client.callTool({ name: 'execute', arguments: { code: 'return 1 + 1' } })
  expect(run.isError).toBe(false)
  const structured = run.structuredContent as Structured
  expect(structured).toMatchObject({ status: 'completed', result: 2, toolCalls: 0 })
  expect(run.content).toEqual([{ type: 'text', text: '2' }])
  await mcp.close()
})

test('execute returns logs and tool calls, and history records the run as an MCP execution', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const code = `console.log('looking up'); const echoed = await tools.executor.echo({ n: 41 }); console.warn('done'); return echoed.n + 1`
  const run = await mcp.client.callTool({ name: 'execute', arguments: { code } })
  const structured = run.structuredContent as Structured
  expect(structured.result).toBe(42)
  expect(structured.toolCalls).toBe(1)
  expect(structured.logs).toEqual([
    { level: 'log', message: 'looking up' },
    { level: 'warn', message: 'done' },
  ])
  const text = (run.content as { text: string }[])[0]?.text ?? ''
  expect(text).toContain('[warn] done')

  const recorded = await call(server.url, `/api/executions/${structured.executionId}`, { headers: { 'x-api-key': ownerKey } })
  expect(recorded.body).toMatchObject({ source: 'mcp', status: 'completed', code, actor: { name: 'Mia Owner' } })
  expect(recorded.body.toolCalls).toEqual([expect.objectContaining({ path: 'executor.echo', args: { n: 41 }, ok: true })])
  await mcp.close()
})

test('a failing program comes back with isError and the error, not a protocol error', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const run = await mcp.client.callTool({ name: 'execute', arguments: { code: "throw new Error('boom')" } })
  expect(run.isError).toBe(true)
  expect((run.structuredContent as Structured).error).toMatchObject({ kind: 'thrown', message: 'boom' })
  const unknownTool = await mcp.client.callTool({ name: 'execute', arguments: { code: 'return await tools.nope.missing({})' } })
  expect(unknownTool.isError).toBe(true)
  expect((unknownTool.structuredContent as Structured).error?.message).toContain('Unknown tool tools.nope.missing')
  await mcp.close()
})

test('search and describe expose the catalog', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const found = await mcp.client.callTool({ name: 'search', arguments: { query: 'echo' } })
  expect((found.structuredContent as { tools: { path: string }[] }).tools[0]?.path).toBe('executor.echo')
  const described = await mcp.client.callTool({ name: 'describe', arguments: { path: 'executor.search' } })
  expect((described.content as { text: string }[])[0]?.text).toContain('"query"')
  const missing = await mcp.client.callTool({ name: 'describe', arguments: { path: 'no.such' } })
  expect(missing.isError).toBe(true)
  await mcp.close()
})

const rpc = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  })
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }

test('without credentials /mcp answers 401 with a JSON-RPC error and the resource metadata challenge', async () => {
  const response = await rpc(initialize)
  expect(response.status).toBe(401)
  expect(response.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource"`)
  expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 }, id: null })
  const metadata = await (await fetch(`${server.url}/.well-known/oauth-protected-resource`)).json()
  expect(metadata).toMatchObject({ resource: `${server.url}/mcp`, bearer_methods_supported: ['header'] })

  const badKey = await rpc(initialize, { authorization: 'Bearer exk_not-a-key' })
  expect(badKey.status).toBe(401)
  expect(badKey.headers.get('www-authenticate')).toContain('error="invalid_token"')
})

test('sessions belong to their principal: 403 for another, 404 unknown, 400 GET without one, DELETE ends it', async () => {
  const opened = await rpc(initialize, { 'x-api-key': ownerKey })
  expect(opened.status).toBe(200)
  const sessionId = opened.headers.get('mcp-session-id') ?? ''
  expect(sessionId.length).toBeGreaterThan(20)
  const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }
  const protocol = { 'mcp-protocol-version': '2025-06-18' }

  const stolen = await rpc(listTools, { 'x-api-key': memberKey, 'mcp-session-id': sessionId, ...protocol })
  expect(stolen.status).toBe(403)
  expect(await stolen.json()).toMatchObject({ error: { message: expect.stringContaining('another principal') } })

  const unknown = await rpc(listTools, { 'x-api-key': ownerKey, 'mcp-session-id': 'no-such-session', ...protocol })
  expect(unknown.status).toBe(404)

  const getWithout = await fetch(`${server.url}/mcp`, { headers: { 'x-api-key': ownerKey, accept: 'text/event-stream' } })
  expect(getWithout.status).toBe(400)
  expect(await getWithout.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } })

  const noSession = await rpc(listTools, { 'x-api-key': ownerKey })
  expect(noSession.status).toBe(400)

  const ended = await fetch(`${server.url}/mcp`, { method: 'DELETE', headers: { 'x-api-key': ownerKey, 'mcp-session-id': sessionId, ...protocol } })
  expect(ended.status).toBe(200)
  const afterEnd = await rpc(listTools, { 'x-api-key': ownerKey, 'mcp-session-id': sessionId, ...protocol })
  expect(afterEnd.status).toBe(404)
})

test('malformed JSON is a -32700 parse error with status 400', async () => {
  const response = await fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ownerKey },
    body: '{"jsonrpc": ',
  })
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ error: { code: -32700 } })
})

test('CORS preflight allows the MCP headers and exposes the session id and challenge', async () => {
  const response = await fetch(`${server.url}/mcp`, {
    method: 'OPTIONS',
    // A local browser client (the MCP Inspector); other sites are refused on a loopback bind.
    headers: { origin: 'http://localhost:6274', 'access-control-request-method': 'POST', 'access-control-request-headers': 'mcp-session-id, authorization' },
  })
  expect(response.status).toBe(204)
  const allowed = response.headers.get('access-control-allow-headers') ?? ''
  for (const header of ['mcp-session-id', 'mcp-protocol-version', 'authorization']) expect(allowed).toContain(header)
  const exposed = response.headers.get('access-control-expose-headers') ?? ''
  expect(exposed).toContain('mcp-session-id')
  expect(exposed).toContain('www-authenticate')
  const unauthenticated = await rpc(initialize)
  expect(unauthenticated.headers.get('access-control-expose-headers')).toContain('www-authenticate')
})

const executeRun = (code: string) => ({ name: 'execute', arguments: { code } })
const actorOf = async (executionId: string) =>
  (await call(server.url, `/api/executions/${executionId}`, { headers: { 'x-api-key': ownerKey } })).body.actor as { name: string }

test('tools act as the principal of each request: a rename shows in the next run of the same session', async () => {
  const renamed = await addPerson(server.url, owner, person('Olga Before'), 'member')
  const key = await createApiKey(server.url, renamed)
  const mcp = await connectMcp(server.url, key)
  const first = (await mcp.client.callTool(executeRun('return 1'))).structuredContent as Structured
  expect((await actorOf(first.executionId)).name).toBe('Olga Before')

  const update = await call(server.url, '/api/auth/update-user', { cookie: renamed.cookie, body: { name: 'Olga After' } })
  expect(update.status, JSON.stringify(update.body)).toBe(200)
  const second = (await mcp.client.callTool(executeRun('return 2'))).structuredContent as Structured
  expect((await actorOf(second.executionId)).name).toBe('Olga After')
  await mcp.close()
})

test('a revoked key or a removed member loses the session on the next request', async () => {
  const protocol = { 'mcp-protocol-version': '2025-06-18' }
  const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }

  const created = await call(server.url, '/api/api-keys', { cookie: owner.cookie, body: { name: 'short-lived' } })
  const revokedKey = String(created.body.key)
  const keyId = (created.body.apiKey as { id: string }).id
  const opened = await rpc(initialize, { 'x-api-key': revokedKey })
  const sessionId = opened.headers.get('mcp-session-id') ?? ''
  expect((await rpc(listTools, { 'x-api-key': revokedKey, 'mcp-session-id': sessionId, ...protocol })).status).toBe(200)
  expect((await call(server.url, `/api/api-keys/${keyId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBeLessThan(300)
  expect((await rpc(listTools, { 'x-api-key': revokedKey, 'mcp-session-id': sessionId, ...protocol })).status).toBe(401)

  const leaving = await addPerson(server.url, owner, person('Lea Leaving'), 'member')
  const leavingKey = await createApiKey(server.url, leaving)
  const theirs = await rpc(initialize, { 'x-api-key': leavingKey })
  const theirSession = theirs.headers.get('mcp-session-id') ?? ''
  expect((await call(server.url, `/api/members/${leaving.userId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)
  expect((await rpc(listTools, { 'x-api-key': leavingKey, 'mcp-session-id': theirSession, ...protocol })).status).toBe(401)
})

test('execute streams console lines as MCP log messages at or above the session level (info by default)', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  expect(mcp.client.getServerCapabilities()?.logging).toEqual({})
  let received: LoggingMessageNotification['params'][] = []
  mcp.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void received.push(n.params))
  const code = "console.debug('d'); console.log('l', 1); console.info('i'); console.warn('w'); console.error('e'); return 0"
  const levels = () => received.map((p) => `${p.level}:${String(p.data)}`)

  await mcp.client.callTool(executeRun(code))
  expect(levels()).toEqual(['info:l 1', 'info:i', 'warning:w', 'error:e'])
  expect(received.every((p) => p.logger === 'execute')).toBe(true)

  received = []
  await mcp.client.setLoggingLevel('warning')
  await mcp.client.callTool(executeRun(code))
  expect(levels()).toEqual(['warning:w', 'error:e'])

  received = []
  await mcp.client.setLoggingLevel('debug')
  await mcp.client.callTool(executeRun(code))
  expect(levels()).toEqual(['debug:d', 'info:l 1', 'info:i', 'warning:w', 'error:e'])
  await mcp.close()
})

test('with a progress token, each tool call inside the program is a progress notification', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const progress: Progress[] = []
  const code = "await tools.executor.echo({ a: 1 }); await tools.executor.search({ query: 'echo' }); return 'done'"
  const run = await mcp.client.callTool(executeRun(code), undefined, { onprogress: (p) => void progress.push(p) })
  expect((run.structuredContent as Structured).result).toBe('done')
  expect(progress).toEqual([
    { progress: 1, message: 'executor.echo' },
    { progress: 2, message: 'executor.search' },
  ])
  await mcp.close()
})

test('tool calls answer as an event stream; requests that never stream answer plain JSON', async () => {
  const opened = await rpc(initialize, { 'x-api-key': ownerKey })
  expect(opened.headers.get('content-type')).toMatch(/^application\/json/)
  expect(await opened.json()).toMatchObject({ jsonrpc: '2.0', id: 1, result: { capabilities: { logging: {}, tools: {} } } })
  const headers = { 'x-api-key': ownerKey, 'mcp-session-id': opened.headers.get('mcp-session-id') ?? '', 'mcp-protocol-version': '2025-06-18' }
  const listed = await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, headers)
  expect(listed.headers.get('content-type')).toMatch(/^application\/json/)
  expect(((await listed.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(4)
  const called = await rpc({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'execute', arguments: { code: "console.log('hi'); return 1" } } }, headers)
  expect(called.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const events = await called.text()
  expect(events.indexOf('notifications/message')).toBeGreaterThan(-1)
  expect(events.indexOf('notifications/message')).toBeLessThan(events.indexOf('"id":3'))
})

test('unknown /.well-known paths answer 404 JSON, never a redirect; the metadata answers at both locations', async () => {
  // The authorization server's issuer is the bare origin, so the path-inserted form is unknown.
  for (const path of ['/.well-known/oauth-authorization-server/mcp', '/.well-known/openid-configuration/mcp', '/.well-known/nothing-here']) {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' })
    expect(response.status, path).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })
  }
  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' })
    expect(response.status, path).toBe(200)
    expect(await response.json()).toMatchObject({ resource: `${server.url}/mcp` })
  }
})

type JsonSchema = { properties?: Record<string, JsonSchema>; description?: string; minimum?: number; maximum?: number; required?: string[] }

test('execute states its default limits and the limits input schema has real bounds and descriptions', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const { tools } = await mcp.client.listTools()
  const execute = tools.find((t) => t.name === 'execute')
  const description = execute?.description ?? ''
  expect(description).toContain(`${DEFAULT_LIMITS.timeoutMs / 1000} s`)
  expect(description).toContain(`${MAX_LIMITS.timeoutMs / 1000} s`)
  expect(description).toMatch(/limits: \{ timeoutMs/)

  const input = execute?.inputSchema as JsonSchema
  expect(input.required).toEqual(['code'])
  expect(input.properties?.code?.description).toMatch(/async function/)
  const limits = input.properties?.limits
  expect(limits?.description).toBeTruthy()
  const fields = limits?.properties ?? {}
  expect(Object.keys(fields).sort()).toEqual(Object.keys(MAX_LIMITS).sort())
  for (const [name, max] of Object.entries(MAX_LIMITS)) {
    const field = fields[name]
    expect(field?.maximum, name).toBe(max)
    expect(field?.minimum, name).toBeGreaterThanOrEqual(0)
    expect(field?.minimum, name).toBeLessThanOrEqual(DEFAULT_LIMITS[name as keyof typeof DEFAULT_LIMITS])
    expect(field?.description, name).toContain(`default ${DEFAULT_LIMITS[name as keyof typeof DEFAULT_LIMITS]}`)
  }
  expect(fields.timeoutMs?.minimum).toBe(100)
  await mcp.close()
})

test('a syntax error comes back with its line and column, in the text and in structuredContent', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const code = "const a = 1\nconst b = 2\nlet x = = 3\nreturn x"
  const run = await mcp.client.callTool({ name: 'execute', arguments: { code } })
  expect(run.isError).toBe(true)
  const text = (run.content as { text: string }[])[0]?.text ?? ''
  expect(text).toContain("SyntaxError at line 3, column 9: unexpected token in expression: '='")
  expect((run.structuredContent as Structured).error).toMatchObject({ kind: 'syntax', line: 3, column: 9 })

  // On the first line the position is still the code's own, not the wrapper's around it.
  const first = await mcp.client.callTool({ name: 'execute', arguments: { code: 'foo bar' } })
  expect((first.structuredContent as Structured).error).toMatchObject({ kind: 'syntax', line: 1, column: 5 })
  // A thrown error points at its line too (QuickJS gives the call's opening parenthesis).
  const thrown = await mcp.client.callTool({ name: 'execute', arguments: { code: "const a = 1\n  throw new Error('boom')" } })
  expect((thrown.structuredContent as Structured).error).toMatchObject({ kind: 'thrown', line: 2, column: 18 })
  expect((thrown.content as { text: string }[])[0]?.text).toContain('Error at line 2, column 18: boom')
  await mcp.close()
})

test('invalid execute input comes back as one readable sentence with isError', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const textOf = async (args: Record<string, unknown>) => {
    const result = await mcp.client.callTool({ name: 'execute', arguments: args })
    expect(result.isError).toBe(true)
    return (result.content as { text: string }[])[0]?.text ?? ''
  }
  expect(await textOf({ code: 5 })).toBe('Invalid input: code must be a string of JavaScript')
  expect(await textOf({ code: 'return 1', limits: { timeoutMs: -1 } })).toBe(`Invalid input: limits.timeoutMs must be at least 100`)
  expect(await textOf({ code: 5, limits: { timeoutMs: MAX_LIMITS.timeoutMs + 1, memory: 1 } })).toBe(
    `Invalid input: code must be a string of JavaScript; limits.timeoutMs may be at most ${MAX_LIMITS.timeoutMs}; limits has an unknown field "memory" (known: ${Object.keys(MAX_LIMITS).join(', ')})`,
  )
  expect(await textOf({})).toBe('Invalid input: code is required: a string of JavaScript')
  await mcp.close()
})
