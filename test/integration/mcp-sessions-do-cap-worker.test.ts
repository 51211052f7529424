// One principal holds at most MCP_SESSIONS_PER_PRINCIPAL open MCP sessions on the Worker (32 by
// default; 5 here), as on the container: under `wrangler dev` (dev auth: one principal), opening two
// more than that with real MCP SDK clients ends the two least recently used. Their Durable Objects forget them
// (404, as after DELETE), the newest still run programs, and the session list shows exactly the cap open.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, expect, test } from 'vitest'
import { postToolsList } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { startWorker } from '../harness/worker-server'

afterAll(stopAll)

type Result = { structuredContent?: Record<string, unknown> }
type SessionView = { id: string; open: boolean }

const cap = 5

test(`opening ${cap + 2} sessions ends the two least recently used; ${cap} stay open and run programs`, async () => {
  const worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', MCP_SESSIONS_PER_PRINCIPAL: String(cap) } })
  const opened: { client: Client; id: string }[] = []
  for (let i = 0; i < cap + 2; i++) {
    const client = new Client({ name: `cap-test-${i}`, version: '1.0.0' })
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', worker.url))
    await client.connect(transport)
    opened.push({ client, id: String(transport.sessionId) })
  }
  const ended = opened.slice(0, 2)
  const kept = opened.slice(2)

  for (const { id } of ended) {
    const response = await postToolsList(worker.url, id)
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Session not found/)
  }
  for (const { client } of kept) {
    const result = (await client.callTool({ name: 'execute', arguments: { code: 'return 40 + 2' } })) as Result
    expect(result.structuredContent?.result).toBe(42)
  }

  const list = await fetch(`${worker.url}/api/mcp-sessions`)
  expect(list.status).toBe(200)
  const { sessions } = (await list.json()) as { sessions: SessionView[] }
  const open = sessions.filter((session) => session.open).map((session) => session.id)
  expect(open.sort()).toEqual(kept.map(({ id }) => id).sort())
  for (const { client } of opened) await client.close()
}, 180_000)
