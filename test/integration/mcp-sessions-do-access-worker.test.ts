// MCP sessions in Durable Objects under `wrangler dev` with Cloudflare Access configured (tokens
// signed by a loopback key set): a session belongs to the principal who opened it, so another
// principal sending its Mcp-Session-Id gets 403 and the owner goes on using it; an unknown id is
// 404, as on the container. A CORS preflight and a request without a valid token are answered by
// the Worker itself, without reaching (and so creating) a session object.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startAccessFixture, type AccessFixture } from '../harness/access'
import { postToolsList } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { sessionObjectFiles } from '../harness/session-objects'
import { startWorker, type WorkerServer } from '../harness/worker-server'

let fixture: AccessFixture
let worker: WorkerServer

beforeAll(async () => {
  fixture = await startAccessFixture()
  worker = await startWorker({ vars: fixture.vars })
}, 120_000)
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

type Result = { structuredContent?: Record<string, unknown> }

const alice = { sub: 'user-alice', email: 'alice@example.com' }
const bob = { sub: 'user-bob', email: 'bob@example.com' }

const toolsList = (sessionId: string, jwt?: string) => postToolsList(worker.url, sessionId, jwt === undefined ? {} : { 'cf-access-jwt-assertion': jwt })

async function connect(jwt: string) {
  const client = new Client({ name: 'do-access-test', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', worker.url), { requestInit: { headers: { 'cf-access-jwt-assertion': jwt } } })
  await client.connect(transport)
  return { client, transport, sessionId: String(transport.sessionId) }
}

test("another principal using a session's id gets 403, and the session still works for its owner", async () => {
  const aliceToken = await fixture.token(alice)
  const session = await connect(aliceToken)
  try {
    const first = (await session.client.callTool({ name: 'execute', arguments: { code: 'return 40 + 2' } })) as Result
    expect(first.structuredContent?.result).toBe(42)

    const stolen = await toolsList(session.sessionId, await fixture.token(bob))
    expect(stolen.status).toBe(403)
    expect(await stolen.json()).toMatchObject({ error: { message: expect.stringMatching(/belongs to another principal/) } })

    const again = (await session.client.callTool({ name: 'execute', arguments: { code: 'return 6 * 7' } })) as Result
    expect(again.structuredContent?.result).toBe(42)
    expect((await toolsList(session.sessionId, aliceToken)).status).toBe(200)
  } finally {
    await session.client.close()
  }
})

test('an unknown session id is 404 for an authenticated principal', async () => {
  const response = await toolsList('no-such-session-0123456789', await fixture.token(alice))
  expect(response.status).toBe(404)
  expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/Session not found/) } })
})

test('a preflight and a request without a valid token are answered by the Worker, waking no session object', async () => {
  const before = sessionObjectFiles(worker.persistDir).length
  const preflight = await fetch(`${worker.url}/mcp`, {
    method: 'OPTIONS',
    headers: { origin: 'https://client.example', 'access-control-request-method': 'POST', 'mcp-session-id': 'preflight-session-0123456789' },
  })
  expect(preflight.status).toBe(204)
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/mcp-session-id/)

  for (const jwt of [undefined, 'not-a-jwt']) {
    const refused = await toolsList('refused-session-0123456789', jwt)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    expect(JSON.stringify(await refused.json())).toMatch(jwt === undefined ? /No Cloudflare Access token/ : /does not verify/)
  }
  const initialize = await fetch(`${worker.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  })
  expect(initialize.status).toBe(401)
  expect(sessionObjectFiles(worker.persistDir).length).toBe(before)
})
