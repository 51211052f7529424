// Idle expiry of MCP sessions on the Worker under `wrangler dev`: with MCP_SESSION_IDLE_SECONDS=3,
// a session left unused is ended by its Durable Object's alarm, with no request to it: the
// object's storage is emptied, the session list shows it ended, and its next request is 404. A
// session used every second meanwhile outlives the timeout.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { stopAll } from '../harness/process'
import { sessionObjectKeys } from '../harness/session-objects'
import { startWorker } from '../harness/worker-server'

afterAll(stopAll)

const IDLE_SECONDS = 3
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('a session idle past MCP_SESSION_IDLE_SECONDS is ended by its alarm; one used within it is kept', { timeout: 90_000 }, async () => {
  const worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', MCP_SESSION_IDLE_SECONDS: String(IDLE_SECONDS) } })
  const open = async () => {
    const client = new Client({ name: 'do-idle-test', version: '1.0.0' })
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', worker.url))
    await client.connect(transport)
    return { client, transport, id: String(transport.sessionId) }
  }
  const idle = await open()
  const used = await open()
  const startedAt = Date.now()
  expect(await sessionObjectKeys(worker.persistDir, idle.id)).toEqual(['session'])

  // Used every second for twice the timeout, while the other one is left alone.
  let idleKeys = ['session']
  while (Date.now() - startedAt < 2 * IDLE_SECONDS * 1000) {
    await sleep(1000)
    const tools = await used.client.listTools()
    expect(tools.tools.map((tool) => tool.name)).toContain('execute')
    idleKeys = await sessionObjectKeys(worker.persistDir, idle.id)
  }
  // No request reached the idle session: its alarm emptied its object's storage.
  expect(idleKeys).toEqual([])
  const listed = (await call(worker.url, '/api/mcp-sessions')).body.sessions as Array<{ id: string; open: boolean }>
  expect(listed.find((s) => s.id === idle.id)?.open).toBe(false)
  expect(listed.find((s) => s.id === used.id)?.open).toBe(true)

  await expect(idle.client.listTools()).rejects.toThrow(/404|Session not found/)
  const result = (await used.client.callTool({ name: 'execute', arguments: { code: 'return 40 + 2' } })) as { structuredContent?: Record<string, unknown> }
  expect(result.structuredContent?.result).toBe(42)
  expect(await sessionObjectKeys(worker.persistDir, used.id)).toEqual(['session'])
  await used.client.close()
  await idle.client.close()
})
