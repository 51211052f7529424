// The Connect page's data on the Worker target under `wrangler dev` (local D1, dev auth: every
// request is the dev owner): a real SDK client's session listed with its name and version, the
// page served with the URL-only snippets and the Cloudflare Access note, and no account pages.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { stopAll } from '../harness/process'
import { d1Query, startWorker, type WorkerServer } from '../harness/worker-server'

let worker: WorkerServer
beforeAll(async () => {
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } })
})
afterAll(stopAll)

test('on the Worker, an MCP session is recorded in D1 with the client’s name and version and listed', async () => {
  const client = new Client({ name: 'worker-connect-client', version: '3.1.4' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', worker.url))
  await client.connect(transport)
  await client.listTools()
  const id = transport.sessionId
  const listed = await call(worker.url, '/api/mcp-sessions')
  expect(listed.status, JSON.stringify(listed.body)).toBe(200)
  const sessions = listed.body.sessions as Array<{ id: string; clientName: string; clientVersion: string; open: boolean }>
  expect(sessions.find((s) => s.id === id)).toMatchObject({ clientName: 'worker-connect-client', clientVersion: '3.1.4', open: true })
  await transport.terminateSession()
  await client.close()
  const after = (await call(worker.url, '/api/mcp-sessions?all=1')).body.sessions as Array<{ id: string; open: boolean }>
  expect(after.find((s) => s.id === id)?.open).toBe(false)
  const rows = await d1Query(worker.persistDir, 'SELECT client_name FROM mcp_client_session')
  expect(rows.map((r) => r.client_name)).toContain('worker-connect-client')
})

test('on the Worker, the connect page renders the URL-only snippets and says sign-in is through Cloudflare Access (under dev auth, none)', async () => {
  const response = await fetch(`${worker.url}/connect`)
  expect(response.status).toBe(200)
  const html = await response.text()
  expect(html).toContain('Connect a client')
  expect(html).toContain('sign-in is through Cloudflare Access')
  expect(html).toContain('clients connect without signing in and act as the dev admin')
  expect(html).toContain(`${worker.url}/mcp`)
  expect(html).not.toContain('Create a key for this')
  // Access owns identity there: no password or reset endpoints.
  const password = await call(worker.url, '/api/account/password', { body: { currentPassword: 'x', newPassword: 'Another-Horse-8' } })
  expect(password.status).toBe(404)
  expect(password.body).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })
  expect((await call(worker.url, '/api/account', { method: 'PATCH', body: { name: 'X' } })).status).toBe(404)
})
