// Executor as the OAuth authorization server for MCP clients, on the built container: discovery,
// dynamic registration, client ID metadata documents (served from a loopback fixture), PKCE S256
// only, consent, tokens bound to <origin>/mcp, refresh rotation, expiry, revocation and members
// who leave. The SDK client's own OAuth flow with a real browser is in e2e/mcp-oauth.spec.ts.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addPerson, call, claimOwner, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { authorizeUrl, authorizedClient, consent, pkce, register, startAuthorization, tokenCall } from '../harness/mcp-oauth'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let documents: http.Server
let documentsUrl: string
const served = new Map<string, string>()

beforeAll(async () => {
  documents = http.createServer((request, response) => {
    const body = served.get(request.url ?? '')
    if (body === undefined) response.writeHead(404).end('not found')
    else response.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve))
  documentsUrl = `http://127.0.0.1:${(documents.address() as AddressInfo).port}`
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true', EXECUTOR_MCP_TOKEN_TTL_SECONDS: '120' } })
  owner = await claimOwner(server.url, person('Olga Owner'))
})
afterAll(async () => {
  await stopAll()
  await new Promise((resolve) => documents?.close(resolve))
})

/** An initialize request on /mcp with `token`: the HTTP status and challenge. */
async function mcpWith(token: string) {
  const response = await fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }),
  })
  await response.body?.cancel()
  return { status: response.status, challenge: response.headers.get('www-authenticate') }
}

describe('discovery', () => {
  test('the protected resource names this server as its authorization server, at both locations', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const result = await call(server.url, path)
      expect(result.status).toBe(200)
      expect(result.body).toMatchObject({ resource: `${server.url}/mcp`, authorization_servers: [server.url] })
    }
  })

  test('RFC 8414 and OpenID discovery documents at the origin root', async () => {
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const result = await call(server.url, path)
      expect(result.status).toBe(200)
      expect(result.body).toMatchObject({
        issuer: server.url,
        authorization_endpoint: `${server.url}/oauth/authorize`,
        token_endpoint: `${server.url}/oauth/token`,
        registration_endpoint: `${server.url}/oauth/register`,
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_methods_supported: ['none'],
        client_id_metadata_document_supported: true,
      })
    }
  })

  test('an unauthenticated /mcp request gets 401 with the resource metadata challenge', async () => {
    const response = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource"`)
  })
})

describe('dynamic client registration', () => {
  test('registers a public client', async () => {
    const result = await register(server.url, { client_name: 'Claude Code', redirect_uris: ['http://localhost:33418/callback'], token_endpoint_auth_method: 'client_secret_basic' })
    expect(result.status).toBe(201)
    expect(result.body).toMatchObject({
      client_id: expect.stringMatching(/^mcpc_/),
      client_name: 'Claude Code',
      redirect_uris: ['http://localhost:33418/callback'],
      token_endpoint_auth_method: 'none',
    })
    expect(result.body).not.toHaveProperty('client_secret')
  })

  test('refuses redirect URIs that would leak the code, with a clear error', async () => {
    for (const uri of ['http://evil.example/cb', 'javascript:alert(1)', 'https://ok.example/cb#frag', 'not a url']) {
      const result = await register(server.url, { client_name: 'Bad', redirect_uris: [uri] })
      expect(result.status, uri).toBe(400)
      expect(result.body).toMatchObject({ error: 'invalid_client_metadata', code: 'BAD_REQUEST', requestId: expect.any(String) })
    }
    expect((await register(server.url, { client_name: 'None', redirect_uris: [] })).status).toBe(400)
  })
})

describe('authorization requests', () => {
  const redirectUri = 'http://127.0.0.1:9/callback'
  let clientId: string
  beforeAll(async () => {
    clientId = String((await register(server.url, { client_name: 'Checker', redirect_uris: [redirectUri] })).body.client_id)
  })

  test('PKCE is required and only S256 is accepted: plain goes back to the client as invalid_request', async () => {
    const { challenge } = pkce()
    const attempts: Record<string, string>[] = [{ code_challenge: challenge, code_challenge_method: 'plain' }, { code_challenge_method: 'S256' }]
    for (const extra of attempts) {
      const url = `${server.url}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'x', ...extra })}`
      const result = await startAuthorization(url)
      expect(result.status).toBe(302)
      const back = new URL(String(result.location))
      expect(back.origin + back.pathname).toBe(redirectUri)
      expect(back.searchParams.get('error')).toBe('invalid_request')
      expect(back.searchParams.get('state')).toBe('x')
    }
  })

  test('an unknown client or an unregistered redirect URI is answered here, never redirected', async () => {
    const { challenge } = pkce()
    const unknown = await startAuthorization(authorizeUrl(server.url, { client_id: 'mcpc_nope', redirect_uri: redirectUri, code_challenge: challenge }))
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'invalid_client', code: 'BAD_REQUEST', requestId: expect.any(String) })
    const elsewhere = await startAuthorization(authorizeUrl(server.url, { client_id: clientId, redirect_uri: 'http://127.0.0.1:9/other', code_challenge: challenge }))
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.location).toBeNull()
  })

  test('a token for another resource is refused (audience is <origin>/mcp)', async () => {
    const { challenge } = pkce()
    const result = await startAuthorization(
      authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, resource: 'https://other.example/mcp' }),
    )
    expect(new URL(String(result.location)).searchParams.get('error')).toBe('invalid_target')
  })

  test('Deny sends the browser back with access_denied', async () => {
    const { challenge } = pkce()
    const back = await consent(server.url, owner, authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, state: 'd' }), false)
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('d')
  })

  test('consent needs a signed-in session', async () => {
    const { challenge } = pkce()
    const query = new URL(authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge })).search.slice(1)
    expect((await call(server.url, '/api/mcp-oauth/consent', { body: { query, approve: true } })).status).toBe(401)
  })
})

describe('tokens', () => {
  test('code + verifier give an access token that works on /mcp as the person, and nowhere else', async () => {
    const client = await authorizedClient(server.url, owner, 'Cursor')
    expect(client.tokens).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'mcp' })
    expect(client.accessToken).toMatch(/^exo_at_/)
    const stored = await sql(server.dataDir, 'SELECT token_hash FROM mcp_oauth_token')
    expect(JSON.stringify(stored)).not.toContain(client.accessToken)

    const mcp = await connectMcp(server.url, client.accessToken)
    const tools = await mcp.client.listTools()
    expect(tools.tools.map((t) => t.name)).toContain('execute')
    const ran = await mcp.client.callTool({ name: 'execute', arguments: { code: 'return 6 * 7' } })
    expect(JSON.stringify(ran.content)).toContain('42')
    await mcp.close()

    // A toolkit's URL is part of the same MCP endpoint: the token works there, scoped to the toolkit.
    const toolkit = await call(server.url, '/api/toolkits', { cookie: owner.cookie, body: { slug: 'echo-desk', name: 'Echo desk', patterns: ['executor.echo'], mode: 'direct' } })
    expect(toolkit.status, JSON.stringify(toolkit.body)).toBe(201)
    const scoped = await connectMcp(server.url, client.accessToken, { path: '/mcp/echo-desk' })
    expect((await scoped.client.listTools()).tools.map((t) => t.name)).toContain('executor-echo')
    await scoped.close()

    const api = await call(server.url, '/api/me', { headers: { authorization: `Bearer ${client.accessToken}` } })
    expect(api.status).toBe(401)
    expect(api.body.message).toContain('/mcp only')
  })

  test('a wrong verifier, a reused code, or another client is refused', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback'
    const clientId = String((await register(server.url, { client_name: 'Codes', redirect_uris: [redirectUri] })).body.client_id)
    const { verifier, challenge } = pkce()
    const code = async () => {
      const back = await consent(server.url, owner, authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge }))
      return String(back.searchParams.get('code'))
    }
    const wrong = await tokenCall(server.url, { grant_type: 'authorization_code', code: await code(), code_verifier: pkce().verifier, client_id: clientId })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', requestId: expect.any(String) })

    const good = await code()
    const first = await tokenCall(server.url, { grant_type: 'authorization_code', code: good, code_verifier: verifier, client_id: clientId })
    expect(first.status).toBe(200)
    const again = await tokenCall(server.url, { grant_type: 'authorization_code', code: good, code_verifier: verifier, client_id: clientId })
    expect(again.body.error).toBe('invalid_grant')
    // A replayed code revokes what it granted.
    expect((await mcpWith(String(first.body.access_token))).status).toBe(401)

    const other = await tokenCall(server.url, { grant_type: 'authorization_code', code: await code(), code_verifier: verifier, client_id: 'mcpc_other' })
    expect(other.body.error).toBe('invalid_grant')
  })

  test('refresh rotates: the new pair works, the old refresh token is refused and its replay ends the grant', async () => {
    const client = await authorizedClient(server.url, owner, 'Rotator')
    const refreshed = await tokenCall(server.url, { grant_type: 'refresh_token', refresh_token: client.refreshToken, client_id: client.clientId })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refresh_token).not.toBe(client.refreshToken)
    expect((await mcpWith(String(refreshed.body.access_token))).status).toBe(200)

    const replayed = await tokenCall(server.url, { grant_type: 'refresh_token', refresh_token: client.refreshToken, client_id: client.clientId })
    expect(replayed.status).toBe(400)
    expect(replayed.body.error).toBe('invalid_grant')
    expect((await mcpWith(String(refreshed.body.access_token))).status).toBe(401)
  })

  test('an expired access token gets 401 invalid_token; refreshing brings access back', async () => {
    const client = await authorizedClient(server.url, owner, 'Sleeper')
    expect((await mcpWith(client.accessToken)).status).toBe(200)
    await sql(server.dataDir, "UPDATE mcp_oauth_token SET expires_at = ? WHERE kind = 'access'", [Date.now() - 1000])
    const expired = await mcpWith(client.accessToken)
    expect(expired.status).toBe(401)
    expect(expired.challenge).toContain('error="invalid_token"')
    const refreshed = await tokenCall(server.url, { grant_type: 'refresh_token', refresh_token: client.refreshToken, client_id: client.clientId })
    expect((await mcpWith(String(refreshed.body.access_token))).status).toBe(200)
  })

  test('a refresh asking for another resource is refused', async () => {
    const client = await authorizedClient(server.url, owner, 'Wanderer')
    const result = await tokenCall(server.url, { grant_type: 'refresh_token', refresh_token: client.refreshToken, client_id: client.clientId, resource: 'https://other.example/mcp' })
    expect(result.body.error).toBe('invalid_target')
  })

  test('the client can revoke its own tokens (RFC 7009)', async () => {
    const client = await authorizedClient(server.url, owner, 'Quitter')
    const response = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: client.refreshToken, client_id: client.clientId }),
    })
    expect(response.status).toBe(200)
    expect((await mcpWith(client.accessToken)).status).toBe(401)
  })
})

describe('authorized clients in the console', () => {
  test('listed with when authorized and last used; revoking ends the token on the next request; audited', async () => {
    const client = await authorizedClient(server.url, owner, 'Listed client')
    expect((await mcpWith(client.accessToken)).status).toBe(200)
    const listed = await call(server.url, '/api/authorized-clients', { cookie: owner.cookie })
    const entry = (listed.body.clients as Array<Record<string, unknown>>).find((c) => c.clientName === 'Listed client')
    expect(entry).toMatchObject({ authorizedAt: expect.any(String), lastUsedAt: expect.any(String), isYours: true })

    const revoked = await call(server.url, `/api/authorized-clients/${String(entry?.id)}`, { method: 'DELETE', cookie: owner.cookie })
    expect(revoked.status).toBe(204)
    expect((await mcpWith(client.accessToken)).status).toBe(401)
    const refresh = await tokenCall(server.url, { grant_type: 'refresh_token', refresh_token: client.refreshToken, client_id: client.clientId })
    expect(refresh.body.error).toBe('invalid_grant')

    const audit = await call(server.url, '/api/audit?limit=100', { cookie: owner.cookie })
    const actions = (audit.body.entries as Array<{ action: string; target: { label: string } }>).filter((e) => e.target.label === 'Listed client').map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['mcp_client.authorized', 'mcp_client.revoked']))
    expect(JSON.stringify(audit.body)).not.toContain(client.accessToken)
  })

  test("a member sees only their own; an admin sees and revokes anyone's; a removed member's tokens stop at once", async () => {
    const member = await addPerson(server.url, owner, person('Mia Member'), 'member')
    const mine = await authorizedClient(server.url, member, 'Member client')
    const ownerClient = await authorizedClient(server.url, owner, 'Owner only')
    const memberList = await call(server.url, '/api/authorized-clients', { cookie: member.cookie })
    const names = (memberList.body.clients as Array<{ clientName: string }>).map((c) => c.clientName)
    expect(names).toEqual(['Member client'])
    expect((await call(server.url, '/api/authorized-clients?all=true', { cookie: member.cookie })).status).toBe(403)
    const ownerGrant = (await call(server.url, '/api/authorized-clients', { cookie: owner.cookie })).body.clients as Array<{ id: string; clientName: string }>
    const ownerId = ownerGrant.find((c) => c.clientName === 'Owner only')?.id
    expect((await call(server.url, `/api/authorized-clients/${String(ownerId)}`, { method: 'DELETE', cookie: member.cookie })).status).toBe(404)
    expect((await mcpWith(ownerClient.accessToken)).status).toBe(200)

    const everyone = await call(server.url, '/api/authorized-clients?all=true', { cookie: owner.cookie })
    expect((everyone.body.clients as Array<{ account: { email: string } }>).map((c) => c.account.email)).toContain(member.person.email)

    expect((await mcpWith(mine.accessToken)).status).toBe(200)
    await call(server.url, `/api/members/${member.userId}`, { method: 'DELETE', cookie: owner.cookie })
    expect((await mcpWith(mine.accessToken)).status).toBe(401)
  })
})

describe('client ID metadata documents', () => {
  const redirectUri = 'http://127.0.0.1:9/cimd-callback'
  const document = (path: string, overrides: Record<string, unknown> = {}) => {
    const clientId = `${documentsUrl}${path}`
    served.set(path, JSON.stringify({ client_id: clientId, client_name: 'Doc Client', redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', ...overrides }))
    return clientId
  }

  test('a client named by its document URL is fetched, shown by its name and authorized without registering', async () => {
    const clientId = document('/client.json')
    const { verifier, challenge } = pkce()
    const back = await consent(server.url, owner, authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge }))
    const tokens = await tokenCall(server.url, { grant_type: 'authorization_code', code: String(back.searchParams.get('code')), code_verifier: verifier, client_id: clientId })
    expect(tokens.status).toBe(200)
    expect((await mcpWith(String(tokens.body.access_token))).status).toBe(200)
    const listed = (await call(server.url, '/api/authorized-clients', { cookie: owner.cookie })).body.clients as Array<Record<string, unknown>>
    expect(listed.find((c) => c.clientId === clientId)).toMatchObject({ clientName: 'Doc Client', clientHost: new URL(documentsUrl).host })
  })

  test('a document naming another client_id, an oversized one, or a missing one is refused', async () => {
    const { challenge } = pkce()
    const cases = [
      document('/liar.json', { client_id: 'https://someone-else.example/client.json' }),
      document('/huge.json', { client_name: 'x'.repeat(100), padding: 'y'.repeat(40_000) }),
      `${documentsUrl}/missing.json`,
      document('/no-redirects.json', { redirect_uris: [] }),
    ]
    for (const clientId of cases) {
      const result = await startAuthorization(authorizeUrl(server.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge }))
      expect(result.status, clientId).toBe(400)
      expect(JSON.parse(result.body).error).toBe('invalid_client')
    }
  })

  test('documents are fetched through the network guard: without local network, a loopback document is refused', async () => {
    const guarded = await startBunServer()
    const clientId = document('/guarded.json')
    const { challenge } = pkce()
    const result = await startAuthorization(authorizeUrl(guarded.url, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge }))
    expect(result.status).toBe(400)
    expect(JSON.parse(result.body).error).toBe('invalid_client')
    await guarded.stop()
  })
})

// Last: it uses up this address's registrations for the rest of the window.
test('open registration is bounded per client address (429 with Retry-After)', async () => {
  let refused: Awaited<ReturnType<typeof register>> | undefined
  for (let i = 0; i < 31 && !refused; i++) {
    const result = await register(server.url, { client_name: `Flood ${i}`, redirect_uris: ['http://127.0.0.1:9/cb'] })
    if (result.status !== 201) refused = result
  }
  expect(refused?.status).toBe(429)
  expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED', error: 'invalid_request', requestId: expect.any(String) })
})
