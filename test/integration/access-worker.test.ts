// Cloudflare Access on the Worker under `wrangler dev`: a loopback fixture publishes a key set
// (ACCESS_CERTS_URL) whose private key signs the tokens here, sent as Access sends them, in
// Cf-Access-Jwt-Assertion. Valid, expired, wrong audience, wrong issuer, wrong key and missing
// tokens; ADMIN_EMAILS making admins; a service token over MCP; a Worker without Access
// configured; and ENABLE_DEV_AUTH refused for a request not addressed to loopback.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { generateKeyPair, type CryptoKey } from 'jose'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { nowSeconds, startAccessFixture, type AccessFixture } from '../harness/access'
import { rawRequest } from '../harness/raw-http'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

let fixture: AccessFixture
let strangerKey: CryptoKey
let access: WorkerServer
let unconfigured: WorkerServer
let devAuth: WorkerServer

beforeAll(async () => {
  fixture = await startAccessFixture()
  strangerKey = (await generateKeyPair('RS256')).privateKey
  ;[access, unconfigured, devAuth] = await Promise.all([
    startWorker({
      vars: {
        ...fixture.vars,
        ACCESS_NAME_CLAIM: 'given_name',
        ADMIN_EMAILS: 'ops@example.com, Boss@Example.com',
      },
    }),
    startWorker(),
    startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } }),
  ])
}, 120_000)
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

const token: AccessFixture['token'] = (claims, options) => fixture.token(claims, options)

const person = { sub: 'user-1', email: 'Ada@Example.com', given_name: 'Ada', groups: ['eng', 'oncall'] }

async function me(jwt?: string) {
  const response = await fetch(`${access.url}/api/me`, { headers: jwt === undefined ? {} : { 'cf-access-jwt-assertion': jwt } })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

test('a valid Access token signs the person in as a member, named by the configured claim', async () => {
  const { status, body } = await me(await token(person))
  expect(status).toBe(200)
  expect(body).toMatchObject({ userId: 'user-1', email: 'ada@example.com', name: 'Ada', role: 'member', via: 'access' })
})

test('an email in ADMIN_EMAILS is an admin, whatever its case', async () => {
  const { body } = await me(await token({ sub: 'user-2', email: 'boss@example.com' }))
  expect(body).toMatchObject({ email: 'boss@example.com', role: 'admin' })
})

test('no token, an expired one, another audience, another issuer or another key: 401 saying why', async () => {
  const cases: Array<[string | undefined, RegExp]> = [
    [undefined, /No Cloudflare Access token \(Cf-Access-Jwt-Assertion\)/],
    [await token(person, { exp: nowSeconds() - 600 }), /has expired/],
    [await token(person, { aud: 'another-app' }), /"aud" claim does not match \(ACCESS_AUD\)/],
    [await token(person, { iss: 'https://other-team.cloudflareaccess.com' }), /"iss" claim does not match \(ACCESS_TEAM_DOMAIN\)/],
    [await token(person, { key: strangerKey }), /signature or format does not verify/],
    ['not-a-jwt', /signature or format does not verify/],
  ]
  for (const [jwt, message] of cases) {
    const { status, body } = await me(jwt)
    expect(status, String(message)).toBe(401)
    expect(body).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(message), requestId: expect.any(String) })
  }
})

test('a service token (common_name, no email) is a member and can use MCP', async () => {
  const jwt = await token({ sub: '', common_name: 'ci-agent.access' })
  expect((await me(jwt)).body).toMatchObject({ userId: 'service:ci-agent.access', name: 'ci-agent.access', email: '', role: 'member' })
  const client = new Client({ name: 'executor-tests', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', access.url), { requestInit: { headers: { 'cf-access-jwt-assertion': jwt } } })
  await client.connect(transport)
  try {
    const result = (await client.callTool({ name: 'execute', arguments: { code: 'return 6 * 7' } })) as { structuredContent?: Record<string, unknown> }
    expect(result.structuredContent).toMatchObject({ result: 42 })
  } finally {
    await client.close()
  }
})

test('MCP without an Access token is 401 with the reason', async () => {
  const response = await fetch(`${access.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  })
  expect(response.status).toBe(401)
  expect(JSON.stringify(await response.json())).toMatch(/No Cloudflare Access token/)
})

test('the signing keys are fetched once per isolate and reused across requests', () => {
  // The Worker and the MCP session objects (Durable Objects, in an isolate of their own) each keep
  // the key set; every later request, API or MCP, reuses theirs.
  expect(fixture.certFetches()).toBeGreaterThanOrEqual(1)
  expect(fixture.certFetches()).toBeLessThanOrEqual(2)
})

test('without ACCESS_TEAM_DOMAIN and ACCESS_AUD every API and MCP request is 401 naming them, and the console says so', async () => {
  for (const path of ['/api/me', '/api/integrations']) {
    const response = await fetch(`${unconfigured.url}${path}`)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/^Cloudflare Access is not configured: set ACCESS_TEAM_DOMAIN .* and ACCESS_AUD/) })
  }
  const mcp = await fetch(`${unconfigured.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  expect(mcp.status).toBe(401)
  expect(JSON.stringify(await mcp.json())).toMatch(/Cloudflare Access is not configured/)
  const page = await (await fetch(`${unconfigured.url}/`)).text()
  expect(page).toContain('Sign-in is handled by Cloudflare Access')
  expect(page).toContain('Cloudflare Access is not configured: set ACCESS_TEAM_DOMAIN')
})

test('ENABLE_DEV_AUTH answers loopback requests, and refuses a request for another host with an error naming it', async () => {
  expect((await fetch(`${devAuth.url}/api/me`)).status).toBe(200)
  const offLoopback = await rawRequest(`${devAuth.url}/api/me`, { headers: { host: 'executor.example.com' } })
  expect(offLoopback.status).toBe(403)
  expect(offLoopback.body).toMatchObject({ code: 'INVALID_HOST', message: expect.stringMatching(/^ENABLE_DEV_AUTH is on/), requestId: expect.any(String) })
})
