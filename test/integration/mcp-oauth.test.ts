// An MCP server protected by OAuth (the MCP authorization spec's path) end to end on the built
// container: the server answers 401 naming its protected resource metadata (served by the OAuth
// fixture), Executor keeps that challenge, an OAuth connection with no settings discovers the
// authorization server through it, registers itself, asks for the MCP server's URL as `resource`,
// and programs then call the server's tools with the token; an expired token is refreshed before a
// call, a token the server stops accepting (401 mid-session) is refreshed once for the next call,
// and a 403 insufficient_scope asks for the scope (step-up) by re-authorization.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOAuthFixture, type OAuthFixture } from '~/server/connections/oauth/oauth-fixture-server'
import { startMcpTestServer, type McpTestServer } from '~/server/integrations/mcp/mcp-test-server'
import { call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { followAuthorization } from '../harness/oauth'
import { stopAll } from '../harness/process'

let fixture: OAuthFixture
let mcp: McpTestServer
let server: BunServer
let owner: Session
let apiKey: string
let connectionId: string

beforeAll(async () => {
  fixture = await startOAuthFixture()
  mcp = await startMcpTestServer({
    oauth: { check: (token) => fixture.checkAccessToken(token), resourceMetadata: (url) => fixture.protectResource(url), toolScopes: { pixel: 'mcp:admin' } },
  })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Mona Owner'))
  apiKey = await createApiKey(server.url, owner)
})
afterAll(async () => {
  await stopAll()
  await Promise.all([mcp?.close(), fixture?.close()])
})

async function execute(code: string) {
  const result = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${apiKey}`, origin: server.url }, body: { code } })
  return result.body as { status: string; result?: unknown; error?: { message?: string } }
}

const expireStoredToken = () =>
  sql(server.dataDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = ?`, [connectionId])

test('an MCP server behind OAuth: challenge kept, discovery through it, dynamic registration, resource, then tools called with the token', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'mcp', slug: 'guarded', url: mcp.url } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const resourceMetadata = `${fixture.url}/.well-known/oauth-protected-resource/mcp`
  expect(added.body).toMatchObject({
    status: 'failed',
    details: { securitySchemes: { oauth2: { type: 'oauth2', challenge: { resourceMetadata } } } },
  })

  const created = await call(server.url, '/api/integrations/guarded/connections', {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'oauth2', grant: 'authorization_code' } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body).toMatchObject({
    status: 'pending',
    auth: { type: 'oauth2', registration: 'dynamic', issuer: fixture.issuer, resource: mcp.url, scopes: ['mcp:tools'] },
  })
  connectionId = String(created.body.id)
  const authorizeUrl = new URL(String(created.body.authorizeUrl))
  expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fixture.url}/authorize`)
  expect(authorizeUrl.searchParams.get('resource')).toBe(mcp.url)

  const page = await followAuthorization(server.url, authorizeUrl.toString(), owner.cookie)
  expect(page.text).toContain('data-outcome="connected"')
  expect(fixture.tokenRequests.at(-1)).toMatchObject({ grant_type: 'authorization_code', resource: mcp.url })

  const refreshed = await call(server.url, '/api/integrations/guarded/refresh', { cookie: owner.cookie, method: 'POST' })
  expect(refreshed.body, JSON.stringify(refreshed.body)).toMatchObject({ status: 'ready', toolCount: 15 })

  const result = await execute(`const a = await tools.guarded.echo({ message: 'hi' }); const b = await tools.guarded.whoami({}); return [a.text, b.text]`)
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: ['echo: hi', 'you sent Bearer [redacted]'] })
})

test('an expired access token is refreshed before the MCP call', async () => {
  await expireStoredToken()
  const before = fixture.refreshGrants
  const result = await execute(`const r = await tools.guarded.echo({ message: 'again' }); return r.text`)
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: 'echo: again' })
  expect(fixture.refreshGrants - before).toBe(1)
  expect(fixture.tokenRequests.at(-1)).toMatchObject({ grant_type: 'refresh_token', resource: mcp.url })
})

test('a 401 from the MCP server mid-session marks the token expired: one refresh, and the next call succeeds', async () => {
  // The server stops accepting the tokens it issued; Executor still thinks its token is good for an hour.
  fixture.expireAccessTokens()
  const before = fixture.refreshGrants
  const refused = await execute(`return await tools.guarded.echo({ message: 'refused' })`)
  expect(refused.status).toBe('failed')
  expect(refused.error?.message).toContain('refused the credential of guarded org.main (HTTP 401)')
  expect(JSON.stringify(refused)).not.toMatch(/\bat_[\w-]{20}/)
  expect(fixture.refreshGrants - before).toBe(0)

  const results = await Promise.all([1, 2, 3].map((n) => execute(`const r = await tools.guarded.echo({ message: 'retry ${n}' }); return r.text`)))
  expect(results, JSON.stringify(results)).toMatchObject([1, 2, 3].map((n) => ({ status: 'completed', result: `echo: retry ${n}` })))
  expect(fixture.refreshGrants - before).toBe(1)
  const listed = await call(server.url, '/api/integrations/guarded/connections', { cookie: owner.cookie })
  expect((listed.body.connections as Array<Record<string, unknown>>).find((c) => c.id === connectionId)).toMatchObject({ status: 'ready' })
})

test('a 403 insufficient_scope from the MCP server marks the connection for re-authorization with the scope; after it the call succeeds', async () => {
  const refused = await execute(`return await tools.guarded.pixel({})`)
  expect(refused.error?.message, JSON.stringify(refused)).toMatch(/org\.main of guarded needs to be authorized again: .*"mcp:admin"/)
  const listed = await call(server.url, '/api/integrations/guarded/connections', { cookie: owner.cookie })
  expect((listed.body.connections as Array<Record<string, unknown>>).find((c) => c.id === connectionId)).toMatchObject({
    status: 'needs_reauth',
    auth: { scopes: ['mcp:tools', 'mcp:admin'] },
  })

  const started = await call(server.url, `/api/integrations/guarded/connections/${connectionId}/oauth/start`, { cookie: owner.cookie, method: 'POST' })
  expect(new URL(String(started.body.authorizeUrl)).searchParams.get('scope')).toBe('mcp:tools mcp:admin')
  expect((await followAuthorization(server.url, String(started.body.authorizeUrl), owner.cookie)).text).toContain('data-outcome="connected"')
  const result = await execute(`const r = await tools.guarded.pixel({}); return r.text`)
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: 'a pixel' })
})
