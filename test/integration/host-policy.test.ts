// A server bound to loopback answers /mcp and /api/* only under loopback names or its public
// origin's host, and only to its own or loopback pages (DNS rebinding). With no public origin
// configured, both http://localhost:<port> and http://127.0.0.1:<port> work for setup and sign-in.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { claimOwner, createApiKey, person, strongPassword } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'
import { rawRequest } from '../harness/raw-http'

let server: BunServer
let apiKey: string
beforeAll(async () => {
  server = await startBunServer()
  apiKey = await createApiKey(server.url, await claimOwner(server.url, person('Rita Rebind')))
})
afterAll(stopAll)

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }
const mcpHeaders = { accept: 'application/json, text/event-stream', 'x-api-key': '' }

test('a foreign Host header is refused with 403 JSON on /mcp and /api/*', async () => {
  for (const host of ['evil.example', `evil.example:${server.port}`]) {
    const me = await rawRequest(`${server.url}/api/me`, { headers: { host, 'x-api-key': apiKey } })
    expect(me.status).toBe(403)
    expect(me.body).toMatchObject({ code: 'INVALID_HOST', requestId: expect.any(String) })
    const mcp = await rawRequest(`${server.url}/mcp`, { headers: { ...mcpHeaders, 'x-api-key': apiKey, host }, body: initialize })
    expect(mcp.status).toBe(403)
    expect(mcp.body).toMatchObject({ code: 'INVALID_HOST' })
  }
})

test('a foreign Origin is refused with 403 JSON on /mcp and /api/*, preflight included', async () => {
  const origin = 'http://evil.example'
  const me = await rawRequest(`${server.url}/api/me`, { headers: { origin, 'x-api-key': apiKey } })
  expect(me.status).toBe(403)
  expect(me.body).toMatchObject({ code: 'INVALID_ORIGIN' })
  const mcp = await rawRequest(`${server.url}/mcp`, { headers: { ...mcpHeaders, 'x-api-key': apiKey, origin }, body: initialize })
  expect(mcp.status).toBe(403)
  const preflight = await rawRequest(`${server.url}/mcp`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })
  expect(preflight.status).toBe(403)
})

test('loopback hosts and origins pass', async () => {
  for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'localhost']) {
    const me = await rawRequest(`${server.url}/api/me`, { headers: { host, 'x-api-key': apiKey } })
    expect(me.status, host).toBe(200)
  }
  for (const origin of [server.url, `http://localhost:${server.port}`, 'http://localhost:6274']) {
    const mcp = await rawRequest(`${server.url}/mcp`, { headers: { ...mcpHeaders, 'x-api-key': apiKey, origin }, body: initialize })
    expect(mcp.status, origin).toBe(200)
  }
})

test('with no public origin configured, setup at 127.0.0.1 and sign-in at localhost both work', async () => {
  const local = await startBunServer({ env: { EXECUTOR_WEB_BASE_URL: '' } })
  const owner = { ...person('Lou Local'), password: strongPassword }
  const numeric = `http://127.0.0.1:${local.port}`
  const named = `http://localhost:${local.port}`
  const setup = await rawRequest(`${numeric}/api/auth/sign-up/email`, { headers: { origin: numeric }, body: owner })
  expect(setup.status, setup.text).toBe(200)

  for (const origin of [named, numeric]) {
    const host = new URL(origin).host
    const signIn = await rawRequest(`${numeric}/api/auth/sign-in/email`, {
      headers: { host, origin },
      body: { email: owner.email, password: owner.password },
    })
    expect(signIn.status, `${origin}: ${signIn.text}`).toBe(200)
    const cookie = (signIn.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
    const me = await rawRequest(`${numeric}/api/me`, { headers: { host, cookie } })
    expect(me.body).toMatchObject({ email: owner.email, role: 'owner' })
  }

  // Any other origin is still refused for browser auth.
  const other = await rawRequest(`${numeric}/api/auth/sign-in/email`, {
    headers: { origin: `http://127.0.0.1:${local.port + 1}` },
    body: { email: owner.email, password: owner.password },
  })
  expect(other.status).toBe(403)
  await local.stop()
})
