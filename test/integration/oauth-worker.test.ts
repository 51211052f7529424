// OAuth 2 connections on the Worker target under `wrangler dev` (local D1, dev auth): the
// authorization code flow with discovery and dynamic registration, driven by a plain HTTP client
// following redirects (the dev principal starts and finishes it, so "only the person who started
// it may finish it" holds), a call with the token, and ten concurrent executions with an expired
// token costing exactly one refresh grant (per-isolate single flight plus the D1 lease, which is a
// conditional UPDATE: D1 has no interactive transactions).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOAuthFixture, type OAuthFixture } from '~/server/connections/oauth/oauth-fixture-server'
import { call } from '../harness/accounts'
import { followAuthorization } from '../harness/oauth'
import { stopAll } from '../harness/process'
import { d1Execute, d1Query, startWorker, type WorkerServer } from '../harness/worker-server'

let fixture: OAuthFixture
let worker: WorkerServer
let connectionId: string

// Says only "bearer token", so the authorization server is found by RFC 9728 discovery from the API's URL.
function openApi(apiUrl: string) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Protected', version: '1' },
    servers: [{ url: apiUrl }],
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    security: [{ token: [] }],
    paths: { '/me': { get: { operationId: 'getMe', responses: { '200': { description: 'ok' } } } } },
  })
}

beforeAll(async () => {
  fixture = await startOAuthFixture({ refreshDelayMs: 300 })
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } })
})
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

async function execute(code: string) {
  const result = await call(worker.url, '/api/executions', { body: { code } })
  return result.body as { status: string; result?: unknown; error?: { message?: string } }
}

test('on the Worker, an OAuth connection is authorized (discovery, registration, PKCE) and calls carry its token', async () => {
  const added = await call(worker.url, '/api/integrations', { body: { kind: 'openapi', slug: 'guarded', document: openApi(fixture.apiUrl) } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const created = await call(worker.url, '/api/integrations/guarded/connections', {
    body: { name: 'main', scope: 'org', auth: { type: 'oauth2', grant: 'authorization_code' } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body).toMatchObject({ status: 'pending', auth: { registration: 'dynamic', resource: fixture.apiUrl } })
  connectionId = String(created.body.id)
  const authorizeUrl = new URL(String(created.body.authorizeUrl))
  expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${worker.url}/api/oauth/callback`)

  const page = await followAuthorization(worker.url, authorizeUrl.toString())
  expect(page.text, worker.logs().slice(-2000)).toContain('data-outcome="connected"')
  const [row] = await d1Query(worker.persistDir, `select status, secret from connection where id = '${connectionId}'`)
  expect(row?.status).toBe('ready')
  expect(String(row?.secret)).not.toMatch(/\b(at|rt)_[\w-]{20}/)

  const result = await execute('const r = await tools.guarded.me.getMe(); return r.data')
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: { ok: true, path: '/api/me' } })
})

test('on the Worker, 10 concurrent executions with an expired token cause exactly one refresh grant, and all succeed', async () => {
  await d1Execute(worker.persistDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = '${connectionId}'`)
  const before = fixture.refreshGrants
  const results = await Promise.all(Array.from({ length: 10 }, () => execute('const r = await tools.guarded.me.getMe(); return r.data.ok')))
  expect(results, JSON.stringify(results.filter((r) => r.status !== 'completed'))).toMatchObject(Array(10).fill({ status: 'completed', result: true }))
  expect(fixture.refreshGrants - before).toBe(1)
  const [row] = await d1Query(worker.persistDir, `select refresh_lease_until, status from connection where id = '${connectionId}'`)
  expect(row).toMatchObject({ refresh_lease_until: null, status: 'ready' })
})

test('on the Worker, a refresh lease held elsewhere (another isolate) is waited for, then taken over once it lapses', async () => {
  // `wrangler d1 execute` itself takes a second or two, so the lease runs well past it.
  const leaseUntil = Date.now() + 5000
  await d1Execute(
    worker.persistDir,
    `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z'), refresh_lease_until = ${leaseUntil} where id = '${connectionId}'`,
  )
  const before = fixture.refreshGrants
  const results = await Promise.all(Array.from({ length: 3 }, () => execute('const r = await tools.guarded.me.getMe(); return r.data.ok')))
  expect(results, JSON.stringify(results)).toMatchObject(Array(3).fill({ status: 'completed', result: true }))
  expect(Date.now()).toBeGreaterThanOrEqual(leaseUntil)
  expect(fixture.refreshGrants - before).toBe(1)
})
