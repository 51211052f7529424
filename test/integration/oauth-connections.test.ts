// OAuth 2 connections end to end on the built container, against a real authorization server
// on loopback (server/connections/oauth/oauth-fixture-server.ts): the authorization code flow
// driven by a plain HTTP client following redirects, calls with the token, one refresh for 20
// concurrent executions, rotation surviving a restart, invalid_grant, step-up, client
// credentials, and the callback's denied / expired / replayed pages.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOAuthFixture, type OAuthFixture } from '~/server/connections/oauth/oauth-fixture-server'
import { call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { followAuthorization as followAuthorizationAt } from '../harness/oauth'
import { stopAll } from '../harness/process'

let fixture: OAuthFixture
let server: BunServer
let owner: Session
let apiKey: string
let integrationId: string
let connectionId: string

const M2M = { id: 'm2m-client', secret: 'm2m-secret-value-123' }

// Says only "bearer token", so the authorization server is found by RFC 9728 discovery from the API's URL.
function openApi(apiUrl: string) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Protected', version: '1' },
    servers: [{ url: apiUrl }],
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    security: [{ token: [] }],
    paths: {
      '/me': { get: { operationId: 'getMe', responses: { '200': { description: 'ok' } } } },
      '/admin': { get: { operationId: 'getAdmin', responses: { '200': { description: 'ok' } } } },
    },
  })
}

beforeAll(async () => {
  fixture = await startOAuthFixture({ clients: [M2M], refreshDelayMs: 200 })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Olga Owner'))
  apiKey = await createApiKey(server.url, owner)
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'guarded', document: openApi(fixture.apiUrl) } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  integrationId = String(added.body.id)
})
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

/** Follows the authorization by hand, the session cookie going only to Executor (test/harness/oauth.ts). */
const followAuthorization = (authorizeUrl: string, cookie = owner.cookie) => followAuthorizationAt(server.url, authorizeUrl, cookie)

async function execute(code: string) {
  const result = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${apiKey}`, origin: server.url }, body: { code } })
  return result.body as { status: string; result?: unknown; error?: { message?: string } }
}

async function connect(name: string, auth: Record<string, unknown> = {}) {
  const created = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: owner.cookie,
    body: { name, scope: 'org', auth: { type: 'oauth2', grant: 'authorization_code', ...auth } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body as { id: string; status: string; authorizeUrl: string; auth: Record<string, unknown> }
}

test('authorization code with PKCE: discovery (RFC 9728 then RFC 8414), registration, callback, then calls carry the token', async () => {
  const created = await connect('main')
  connectionId = created.id
  expect(created).toMatchObject({ status: 'pending', auth: { type: 'oauth2', grant: 'authorization_code', registration: 'dynamic', resource: fixture.apiUrl, scopes: ['read'] } })
  const authorize = new URL(created.authorizeUrl)
  expect(authorize.origin + authorize.pathname).toBe(`${fixture.url}/authorize`)
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorize.searchParams.get('resource')).toBe(fixture.apiUrl)

  const pending = await execute('return await tools.guarded.me.getMe()')
  expect(pending.error?.message).toContain('org.main of guarded is not authorized yet')

  const page = await followAuthorization(created.authorizeUrl)
  expect(page.status, page.text).toBe(200)
  expect(page.text).toContain('data-outcome="connected"')
  const token = fixture.tokenRequests.at(-1)!
  expect(token).toMatchObject({ grant_type: 'authorization_code', resource: fixture.apiUrl, code_verifier: expect.any(String) })

  const listed = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: owner.cookie })
  const view = (listed.body.connections as Array<Record<string, unknown>>).find((c) => c.id === connectionId)!
  expect(view).toMatchObject({ status: 'ready', auth: { grantedScopes: ['read'], expiresAt: expect.any(String) } })
  expect(JSON.stringify(listed.body)).not.toMatch(/\b(at|rt)_[\w-]{20}|clientSecret|"client_secret"/)

  const result = await execute('const r = await tools.guarded.me.getMe(); return r.data')
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: { ok: true, path: '/api/me' } })
})

test('20 concurrent executions with an expired token cause exactly one refresh grant, and all succeed', async () => {
  await sql(server.dataDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = ?`, [connectionId])
  const before = fixture.refreshGrants
  const results = await Promise.all(Array.from({ length: 20 }, () => execute('const r = await tools.guarded.me.getMe(); return r.data.ok')))
  expect(results.map((r) => r.status)).toEqual(Array(20).fill('completed'))
  expect(fixture.refreshGrants - before).toBe(1)
  expect(fixture.liveRefreshTokens()).toBeGreaterThan(0)
})

test('the rotated refresh token was stored: after a restart it still refreshes', async () => {
  await server.stop()
  // Same port: the redirect URI registered with the authorization server names it.
  server = await startBunServer({ dataDir: server.dataDir, env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true', PORT: String(server.port) } })
  await sql(server.dataDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = ?`, [connectionId])
  const before = fixture.refreshGrants
  const result = await execute('const r = await tools.guarded.me.getMe(); return r.data.ok')
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: true })
  expect(fixture.refreshGrants - before).toBe(1)
})

test('a 403 insufficient_scope marks the connection for re-authorization with the scope named', async () => {
  const result = await execute('return await tools.guarded.admin.getAdmin()')
  expect(result.error?.message).toMatch(/org\.main of guarded needs to be authorized again: .*"admin"/)
  const listed = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: owner.cookie })
  const view = (listed.body.connections as Array<Record<string, unknown>>).find((c) => c.id === connectionId)!
  expect(view).toMatchObject({ status: 'needs_reauth', statusMessage: expect.stringContaining('admin'), auth: { scopes: ['read', 'admin'] } })

  const started = await call(server.url, `/api/integrations/${integrationId}/connections/${connectionId}/oauth/start`, { cookie: owner.cookie, method: 'POST' })
  expect(new URL(String(started.body.authorizeUrl)).searchParams.get('scope')).toBe('read admin')
  expect((await followAuthorization(String(started.body.authorizeUrl))).text).toContain('data-outcome="connected"')
  const admin = await execute('const r = await tools.guarded.admin.getAdmin(); return r.data.scope')
  expect(admin, JSON.stringify(admin)).toMatchObject({ status: 'completed', result: 'read admin' })
})

test('invalid_grant marks the connection needs_reauth and calls fail naming it, without retrying', async () => {
  fixture.revokeRefreshTokens()
  await sql(server.dataDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = ?`, [connectionId])
  const before = fixture.refreshGrants
  const first = await execute('return await tools.guarded.me.getMe()')
  expect(first.error?.message, JSON.stringify(first.error)).toMatch(/org\.main of guarded needs to be authorized again: .*invalid_grant/)
  const second = await execute('return await tools.guarded.me.getMe()')
  expect(second.error?.message).toContain('needs to be authorized again')
  expect(fixture.refreshGrants - before).toBe(1)
  const listed = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: owner.cookie })
  expect((listed.body.connections as Array<Record<string, unknown>>).find((c) => c.id === connectionId)).toMatchObject({ status: 'needs_reauth' })
})

test('client credentials: a token at creation, a wrong secret refused, calls carry the token', async () => {
  const wrong = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: owner.cookie,
    body: { name: 'bad', scope: 'org', auth: { type: 'oauth2', grant: 'client_credentials', clientId: M2M.id, clientSecret: 'nope', tokenUrl: `${fixture.url}/token` } },
  })
  expect(wrong.status).toBe(400)
  expect(String(wrong.body.message)).toContain('invalid_client')
  const created = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: owner.cookie,
    body: { name: 'machine', scope: 'org', auth: { type: 'oauth2', grant: 'client_credentials', clientId: M2M.id, clientSecret: M2M.secret, issuer: fixture.issuer, scopes: ['read'] } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body).toMatchObject({ status: 'ready', auth: { grant: 'client_credentials', tokenEndpointAuthMethod: 'client_secret_basic' } })
  expect(JSON.stringify(created.body)).not.toContain(M2M.secret)
  const result = await execute('const r = await tools.guarded.org.machine.me.getMe(); return r.data.client')
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: M2M.id })
})

test('the callback says denied, expired and replayed clearly', async () => {
  const created = await connect('second')
  fixture.denyNext = true
  const denied = await followAuthorization(created.authorizeUrl)
  expect(denied.status).toBe(400)
  expect(denied.text).toContain('data-outcome="denied"')
  expect(denied.text).toContain('Access denied')

  const fresh = await call(server.url, `/api/integrations/${integrationId}/connections/${created.id}/oauth/start`, { cookie: owner.cookie, method: 'POST' })
  const authorizeUrl = String(fresh.body.authorizeUrl)
  const callback = await fetch(authorizeUrl, { redirect: 'manual' })
  const callbackUrl = String(callback.headers.get('location'))
  const first = await followAuthorization(callbackUrl)
  expect(first.text).toContain('data-outcome="connected"')
  const replay = await followAuthorization(callbackUrl)
  expect(replay.status).toBe(400)
  expect(replay.text).toContain('data-outcome="unknown"')

  const late = await call(server.url, `/api/integrations/${integrationId}/connections/${created.id}/oauth/start`, { cookie: owner.cookie, method: 'POST' })
  await sql(server.dataDir, `update oauth_state set expires_at = ?`, [Date.now() - 1000])
  const expired = await followAuthorization(String(late.body.authorizeUrl))
  expect(expired.status).toBe(410)
  expect(expired.text).toContain('data-outcome="expired"')

  const signedOut = await followAuthorization(callbackUrl, '')
  expect(signedOut.text).toContain('data-outcome="signed_out"')
})

test('Executor serves its client ID metadata document', async () => {
  const document = await call(server.url, '/api/oauth/client-metadata.json')
  expect(document.body).toMatchObject({ client_id: `${server.url}/api/oauth/client-metadata.json`, redirect_uris: [`${server.url}/api/oauth/callback`], token_endpoint_auth_method: 'none' })
})
