// The MCP kind against real MCP servers on 127.0.0.1 (the SDK's server, streamable HTTP and the
// older HTTP+SSE), through the real network guard with local network allowed.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { ToolInput } from '../../catalog/tool-store'
import { createUnpinnedConnector } from '../../net/fetch-connector'
import { createGuardedFetch } from '../../net/guarded-fetch'
import { createStaticResolver } from '../../net/static-resolver'
import { startMcpTestServer, startSseOnlyMcpServer, type McpTestServer } from '../mcp/mcp-test-server'
import type { CallContext, ImportedIntegration } from './kind'
import { closeMcpSessions, mcpKind } from './mcp-kind'
import { NeedsCredentialError } from './kind'
import { ToolCallError } from './tool-call-error'

const TOKEN = 'mcp-token-7f3e9a'
const fetch = createGuardedFetch({ resolver: createStaticResolver({}), connector: createUnpinnedConnector(), allowLocalNetwork: true })
let plain: McpTestServer
let sse: McpTestServer
let guarded: McpTestServer

beforeAll(async () => {
  plain = await startMcpTestServer({ pageSize: 4, fillers: 6 })
  sse = await startSseOnlyMcpServer({ pageSize: 3 })
  guarded = await startMcpTestServer({ token: TOKEN })
})
afterAll(async () => {
  await closeMcpSessions()
  await Promise.all([plain?.close(), sse?.close(), guarded?.close()])
})

function context(server: McpTestServer, imported: ImportedIntegration, overrides: Partial<CallContext> = {}): CallContext {
  return {
    fetch,
    baseUrl: null,
    defaultBaseUrl: server.url,
    credential: { type: 'none' },
    connectionName: 'fixture org.main',
    connectionId: `conn-${server.url}`,
    integrationId: `int-${server.url}`,
    integrationDetails: null,
    signal: new AbortController().signal,
    maxResponseBytes: 100_000,
    annotate: () => undefined,
    toolsRefreshedAt: new Date(),
    ...overrides,
  }
}

function toolOf(imported: ImportedIntegration, path: string): ToolInput {
  const found = imported.tools.find((t) => t.path === path)
  if (!found) throw new Error(`no tool ${path}`)
  return found
}

test('read lists every page of tools, with the protocol version and the transport that worked', async () => {
  const imported = await mcpKind.read({ url: plain.url }, { fetch })
  expect(imported.tools.map((t) => t.path)).toEqual(
    ['echo', 'fail', ...Array.from({ length: 6 }, (_, i) => `filler_0${i + 1}`), 'get_issue', 'pixel', 'repo_delete', 'sleep', 'whoami'],
  )
  expect(plain.received.filter((m) => m === 'tools/list')).toHaveLength(4)
  expect(imported).toMatchObject({ title: 'Fixture MCP', version: '1.2.3', servers: [plain.url], needsCredential: false, specVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  expect(toolOf(imported, 'get_issue')).toMatchObject({ operation: { name: 'get-issue', transport: 'streamable-http' }, annotations: { readOnlyHint: true } })
})

test('calls pass results through, turn isError into a ToolCallError, and reuse one session', async () => {
  const imported = await mcpKind.read({ url: plain.url }, { fetch })
  const initializesBefore = plain.received.filter((m) => m === 'initialize').length
  const ctx = context(plain, imported)
  expect(await mcpKind.call(toolOf(imported, 'echo'), { message: 'hi' }, ctx)).toEqual({
    content: [{ type: 'text', text: 'echo: hi' }],
    text: 'echo: hi',
    structuredContent: { message: 'hi', length: 2 },
  })
  expect(await mcpKind.call(toolOf(imported, 'repo_delete'), { name: 'x' }, ctx)).toMatchObject({ text: 'deleted x' })
  const error = await mcpKind.call(toolOf(imported, 'fail'), {}, ctx).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ToolCallError)
  expect((error as Error).message).toBe('the widget is broken')
  expect(plain.received.filter((m) => m === 'initialize').length - initializesBefore).toBe(1)
})

test('aborting a call sends notifications/cancelled upstream', async () => {
  const imported = await mcpKind.read({ url: plain.url }, { fetch })
  const controller = new AbortController()
  const pending = mcpKind.call(toolOf(imported, 'sleep'), { ms: 30_000 }, context(plain, imported, { signal: controller.signal }))
  await waitFor(() => plain.received.filter((m) => m === 'tools/call').length > 0 && plain.received.at(-1) === 'tools/call')
  controller.abort(new Error('deadline'))
  await expect(pending).rejects.toThrow(/cancelled/)
  await waitFor(() => plain.cancelled.length > 0)
  await waitFor(() => plain.sleepsCancelled > 0)
})

test('a server that forgot the session (restart) is re-initialized and the call retried once', async () => {
  const imported = await mcpKind.read({ url: plain.url }, { fetch })
  const ctx = context(plain, imported)
  await mcpKind.call(toolOf(imported, 'echo'), { message: 'before' }, ctx)
  await plain.restart()
  expect(await mcpKind.call(toolOf(imported, 'echo'), { message: 'after' }, ctx)).toMatchObject({ text: 'echo: after' })
})

test('list_changed and an unknown tool make the kind store the new list', async () => {
  const imported = await mcpKind.read({ url: plain.url }, { fetch })
  const stored: ToolInput[][] = []
  const ctx = context(plain, imported, { replaceTools: async (tools) => void stored.push(tools) })
  await mcpKind.call(toolOf(imported, 'echo'), { message: 'open a session' }, ctx)
  plain.addTool({ name: 'late-tool', inputSchema: { type: 'object' }, run: async () => ({ content: [{ type: 'text', text: 'late' }] }) })
  await waitFor(() => stored.some((tools) => tools.some((t) => t.path === 'late_tool')))

  plain.removeTool('whoami')
  const before = stored.length
  const error = await mcpKind.call(toolOf(imported, 'whoami'), {}, ctx).catch((e: unknown) => e)
  expect((error as Error).message).toContain('no longer offers whoami')
  expect(stored.length).toBe(before + 1)
  expect(stored.at(-1)?.some((t) => t.path === 'whoami')).toBe(false)
})

test('a server speaking only HTTP+SSE is read and called over that transport', async () => {
  const imported = await mcpKind.read({ url: sse.url }, { fetch })
  expect(imported.tools).toHaveLength(15)
  expect(toolOf(imported, 'echo').operation).toEqual({ name: 'echo', transport: 'sse' })
  expect(await mcpKind.call(toolOf(imported, 'pixel'), {}, context(sse, imported))).toMatchObject({
    content: [{ type: 'image', mimeType: 'image/png', data: expect.any(String) }, { type: 'text', text: 'a pixel' }],
  })
})

test('a 401 challenge asks for a credential; with a bearer token it works, and the token is redacted', async () => {
  const error = await mcpKind.read({ url: guarded.url }, { fetch }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NeedsCredentialError)
  expect((error as Error).message).toContain('add a connection')
  const schemes = (error as NeedsCredentialError).securitySchemes
  expect(schemes.oauth2).toMatchObject({
    type: 'oauth2',
    challenge: { resourceMetadata: expect.stringMatching(/\/\.well-known\/oauth-protected-resource$/), scope: 'tools:read tools:call' },
  })
  const credential = { type: 'bearer' as const, token: TOKEN }
  const imported = await mcpKind.read({ url: guarded.url }, { fetch, credential })
  expect(imported).toMatchObject({ needsCredential: true, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } })
  // The tool list is kept as the source, as JSON, without the token it was read with.
  expect(imported.source).toMatchObject({ contentType: 'application/json', fileSuffix: '.mcp-tools.json' })
  const kept = JSON.parse(imported.source?.text ?? '{}') as { tools: Array<{ name: string }>; serverInfo: { name: string } }
  expect(kept.tools.map((t) => t.name)).toContain('whoami')
  expect(kept.serverInfo.name).toBeTruthy()
  expect(imported.source?.text).not.toContain(TOKEN)
  const result = await mcpKind.call(toolOf(imported, 'whoami'), {}, context(guarded, imported, { credential }))
  expect(result).toMatchObject({ text: 'you sent Bearer [redacted]' })
  expect(JSON.stringify(result)).not.toContain(TOKEN)
})

async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
