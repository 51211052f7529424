// MCP sessions on the Worker live in a Durable Object per session (MCP_SESSION), not in isolate
// memory: under `wrangler dev` with local state persisted, one MCP SDK client keeps its session
// across a restart of `wrangler dev` (a fresh isolate and a fresh object), and the session still
// runs programs, lists tools and ends with DELETE. Unknown ids get 404.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, expect, test } from 'vitest'
import { postToolsList } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

afterAll(stopAll)

type Result = { structuredContent?: Record<string, unknown> }

const devAuth = { ENABLE_DEV_AUTH: 'true' }

test('a session outlives a restart of wrangler dev and ends with DELETE', async () => {
  let current: WorkerServer = await startWorker({ vars: devAuth })
  // The client keeps one session; its requests go to whichever `wrangler dev` is running now.
  const toCurrent = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input)
    return fetch(new URL(url.pathname + url.search, current.url), init)
  }
  const client = new Client({ name: 'do-session-test', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', current.url), { fetch: toCurrent })
  await client.connect(transport)
  const sessionId = transport.sessionId
  expect(sessionId).toMatch(/^[A-Za-z0-9_-]{20,}$/)

  const first = (await client.callTool({ name: 'execute', arguments: { code: 'return 40 + 2' } })) as Result
  expect(first.structuredContent?.result).toBe(42)

  const persistDir = current.persistDir
  await current.stop()
  current = await startWorker({ vars: devAuth, persistDir, migrate: false })

  const afterRestart = (await client.callTool({ name: 'execute', arguments: { code: 'return 6 * 7' } })) as Result
  expect(afterRestart.structuredContent?.status).toBe('completed')
  expect(afterRestart.structuredContent?.result).toBe(42)
  expect(transport.sessionId).toBe(sessionId)
  const tools = await client.listTools()
  expect(tools.tools.map((tool) => tool.name)).toContain('execute')

  await transport.terminateSession()
  const ended = await postToolsList(current.url, String(sessionId))
  expect(ended.status).toBe(404)
  await client.close()
})

test('an unknown session id is 404 on the Worker', async () => {
  const worker = await startWorker({ vars: devAuth })
  const response = await postToolsList(worker.url, 'no-such-session-0123456789')
  expect(response.status).toBe(404)
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Session not found/)
})
