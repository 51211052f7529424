// MCP sessions are bounded: idle ones close on their own (no new initialize needed) and answer 404,
// each principal holds a few at most and the process a fixed number, least recently used going first.
import { afterAll, expect, test } from 'vitest'
import { addPerson, claimOwner, createApiKey, person } from '../harness/accounts'
import { startBunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

afterAll(stopAll)

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }
const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }

function mcp(baseUrl: string, key: string) {
  const post = (body: unknown, sessionId?: string) =>
    fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'x-api-key': key,
        ...(sessionId ? { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' } : {}),
      },
      body: JSON.stringify(body),
    })
  return {
    async open(): Promise<string> {
      const response = await post(initialize)
      expect(response.status).toBe(200)
      await response.body?.cancel()
      return response.headers.get('mcp-session-id') ?? ''
    },
    async status(sessionId: string): Promise<number> {
      const response = await post(listTools, sessionId)
      await response.body?.cancel()
      return response.status
    },
    /** the session's standalone event stream; resolves when the server ends it */
    async listen(sessionId: string): Promise<Promise<void>> {
      const response = await fetch(`${baseUrl}/mcp`, {
        headers: { accept: 'text/event-stream', 'x-api-key': key, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
      })
      expect(response.status).toBe(200)
      const reader = response.body?.getReader()
      return (async () => {
        while (reader && !(await reader.read()).done) {
          // keep-alive comments until the stream ends
        }
      })()
    },
  }
}

test('an idle session is closed by the sweep without any new initialize, then answers 404', async () => {
  const server = await startBunServer({ env: { EXECUTOR_MCP_SESSION_IDLE_SECONDS: '1' } })
  const owner = await claimOwner(server.url, person('Ida Idle'))
  const client = mcp(server.url, await createApiKey(server.url, owner))
  const sessionId = await client.open()
  expect(await client.status(sessionId)).toBe(200)
  const started = Date.now()
  // Nothing else reaches the server: only the sweep timer can end this stream.
  await (await client.listen(sessionId))
  expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  expect(Date.now() - started).toBeLessThan(5_000)
  expect(await client.status(sessionId)).toBe(404)
})

test('a session used within the idle timeout stays open', async () => {
  const server = await startBunServer({ env: { EXECUTOR_MCP_SESSION_IDLE_SECONDS: '2' } })
  const owner = await claimOwner(server.url, person('Una Used'))
  const client = mcp(server.url, await createApiKey(server.url, owner))
  const sessionId = await client.open()
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 700))
    expect(await client.status(sessionId)).toBe(200)
  }
})

test('the per-principal cap evicts that principal\'s least recently used session; the global cap anyone\'s', async () => {
  const server = await startBunServer({ env: { EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL: '3', EXECUTOR_MCP_SESSIONS_MAX: '5' } })
  const owner = await claimOwner(server.url, person('Cap Owner'))
  const mine = mcp(server.url, await createApiKey(server.url, owner))
  const theirs = mcp(server.url, await createApiKey(server.url, await addPerson(server.url, owner, person('Cap Member'), 'member')))
  const third = mcp(server.url, await createApiKey(server.url, await addPerson(server.url, owner, person('Cap Admin'), 'admin')))

  const s1 = await mine.open()
  const s2 = await mine.open()
  const s3 = await mine.open()
  expect(await mine.status(s1)).toBe(200) // s1 is now more recent than s2 and s3
  const s4 = await mine.open() // over 3 for this principal: s2 goes
  const m1 = await theirs.open()
  const m2 = await theirs.open() // 5 open: s3, s1, s4, m1, m2
  const a1 = await third.open() // over 5 in total: s3 goes

  expect(await mine.status(s2)).toBe(404)
  expect(await mine.status(s3)).toBe(404)
  for (const id of [s1, s4]) expect(await mine.status(id)).toBe(200)
  for (const id of [m1, m2]) expect(await theirs.status(id)).toBe(200)
  expect(await third.status(a1)).toBe(200)
})
