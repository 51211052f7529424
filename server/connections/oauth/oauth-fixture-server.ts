// Test fixture (like ../../net/test-servers.ts): a small OAuth 2.1 authorization server and the
// API it protects, on 127.0.0.1. RFC 8414 metadata, RFC 9728 protected resource metadata, dynamic
// client registration, an authorization endpoint that approves at once (or denies when told),
// PKCE S256 checked, refresh-token rotation (a used refresh token is dead: `invalid_grant`),
// client credentials, and a protected API answering 401 with `resource_metadata` or 403
// `insufficient_scope`. Counts every refresh grant. Other servers (an MCP or GraphQL fixture) can
// be protected by it too: `protectResource` serves protected resource metadata for their URL, and
// `checkAccessToken` says whether a token it issued is live.
import { createHash, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type OAuthFixtureOptions = {
  /** access token lifetime in seconds */
  accessTokenSeconds?: number
  /** clients known up front (client credentials, pre-registered) */
  clients?: Array<{ id: string; secret?: string }>
  /** a refresh grant waits this long before answering (widens races in tests) */
  refreshDelayMs?: number
  /**
   * Advertises `client_id_metadata_document_supported`: a client ID that is an https (or loopback
   * http) URL is fetched at authorization, and its document must name that URL and the redirect URI.
   */
  clientMetadataDocuments?: boolean
}

type Client = { id: string; secret?: string; redirectUris: string[] }
type Grant = { clientId: string; scope: string; resource?: string }

export type OAuthFixture = {
  url: string
  issuer: string
  /** the protected API's base URL (`<url>/api`) */
  apiUrl: string
  refreshGrants: number
  tokenRequests: Array<Record<string, string>>
  authorizeRequests: URLSearchParams[]
  /** the client ID metadata documents fetched, by URL */
  clientMetadataFetched: string[]
  /** the next authorization is denied (error=access_denied) */
  denyNext: boolean
  /** every refresh token stops working (as when a user revokes the grant) */
  revokeRefreshTokens(): void
  /** how many live refresh tokens there are */
  liveRefreshTokens(): number
  /** every access token issued so far stops working (as when the server restarts), refresh tokens stay */
  expireAccessTokens(): void
  /** the scope granted to a live access token this server issued, or undefined */
  checkAccessToken(token: string): { scope: string; resource?: string } | undefined
  /**
   * Serves RFC 9728 metadata for another server's URL at
   * `<url>/.well-known/oauth-protected-resource<its path>`, and returns that metadata URL (what its
   * 401 names in `resource_metadata`).
   */
  protectResource(resourceUrl: string, scopes?: string[]): string
  close(): Promise<void>
}

const random = () => randomBytes(24).toString('base64url')

export async function startOAuthFixture(options: OAuthFixtureOptions = {}): Promise<OAuthFixture> {
  const clients = new Map<string, Client>((options.clients ?? []).map((c) => [c.id, { ...c, redirectUris: [] }]))
  const codes = new Map<string, Grant & { challenge: string; redirectUri: string }>()
  const accessTokens = new Map<string, Grant & { expiresAt: number }>()
  const refreshTokens = new Map<string, Grant>()
  const lifetime = () => options.accessTokenSeconds ?? 3600
  const protectedResources = new Map<string, { resource: string; scopes: string[] }>()

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', fixture.url)
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body))
    const body = await readBody(request)
    try {
      if (url.pathname === '/.well-known/oauth-authorization-server') {
        return json(200, {
          issuer: fixture.issuer,
          authorization_endpoint: `${fixture.url}/authorize`,
          token_endpoint: `${fixture.url}/token`,
          registration_endpoint: `${fixture.url}/register`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          scopes_supported: ['read', 'write', 'admin'],
          ...(options.clientMetadataDocuments ? { client_id_metadata_document_supported: true } : {}),
        })
      }
      if (url.pathname === '/.well-known/oauth-protected-resource/api') {
        return json(200, { resource: fixture.apiUrl, authorization_servers: [fixture.issuer], scopes_supported: ['read'] })
      }
      const other = protectedResources.get(url.pathname)
      if (other) return json(200, { resource: other.resource, authorization_servers: [fixture.issuer], scopes_supported: other.scopes })
      if (url.pathname === '/register' && request.method === 'POST') {
        const metadata = JSON.parse(body) as { redirect_uris?: string[]; token_endpoint_auth_method?: string }
        const client: Client = { id: `dcr_${random()}`, secret: random(), redirectUris: metadata.redirect_uris ?? [] }
        clients.set(client.id, client)
        return json(201, {
          client_id: client.id,
          client_secret: client.secret,
          client_secret_expires_at: 0,
          redirect_uris: client.redirectUris,
          token_endpoint_auth_method: metadata.token_endpoint_auth_method ?? 'client_secret_basic',
        })
      }
      if (url.pathname === '/authorize') {
        fixture.authorizeRequests.push(url.searchParams)
        const p = url.searchParams
        const redirectUri = p.get('redirect_uri') ?? ''
        if (options.clientMetadataDocuments && /^https?:\/\//.test(p.get('client_id') ?? '')) {
          const known = await clientFromMetadataDocument(p.get('client_id')!)
          if (!known) return json(400, { error: 'invalid_client', error_description: 'the client ID metadata document could not be used' })
          fixture.clientMetadataFetched.push(known.id)
          clients.set(known.id, known)
        }
        const client = clients.get(p.get('client_id') ?? '')
        if (!client || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) return json(400, { error: 'invalid_client' })
        const back = new URL(redirectUri)
        back.searchParams.set('state', p.get('state') ?? '')
        if (fixture.denyNext) {
          fixture.denyNext = false
          back.searchParams.set('error', 'access_denied')
        } else if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
          back.searchParams.set('error', 'invalid_request')
          back.searchParams.set('error_description', 'PKCE S256 is required')
        } else {
          const code = random()
          codes.set(code, { clientId: client.id, scope: p.get('scope') ?? '', resource: p.get('resource') ?? undefined, challenge: p.get('code_challenge')!, redirectUri })
          back.searchParams.set('code', code)
        }
        return response.writeHead(302, { location: back.toString() }).end()
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const form = Object.fromEntries(new URLSearchParams(body))
        fixture.tokenRequests.push(form)
        const client = authenticate(request.headers.authorization, form, clients)
        if (!client) return json(401, { error: 'invalid_client' })
        const issue = (grant: Grant, withRefresh: boolean) => {
          const access = `at_${random()}`
          accessTokens.set(access, { ...grant, expiresAt: Date.now() + lifetime() * 1000 })
          const answer: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: lifetime(), scope: grant.scope }
          if (withRefresh) {
            const refresh = `rt_${random()}`
            refreshTokens.set(refresh, grant)
            answer.refresh_token = refresh
          }
          return json(200, answer)
        }
        if (form.grant_type === 'authorization_code') {
          const grant = codes.get(form.code ?? '')
          codes.delete(form.code ?? '')
          if (!grant || grant.clientId !== client.id || grant.redirectUri !== form.redirect_uri) return json(400, { error: 'invalid_grant' })
          const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url')
          if (challenge !== grant.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' })
          return issue({ clientId: grant.clientId, scope: grant.scope, resource: grant.resource }, true)
        }
        if (form.grant_type === 'refresh_token') {
          fixture.refreshGrants++
          if (options.refreshDelayMs) await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs))
          const grant = refreshTokens.get(form.refresh_token ?? '')
          // Rotation: a refresh token works once.
          refreshTokens.delete(form.refresh_token ?? '')
          if (!grant || grant.clientId !== client.id) return json(400, { error: 'invalid_grant', error_description: 'refresh token is invalid or was already used' })
          return issue(grant, true)
        }
        if (form.grant_type === 'client_credentials') {
          if (!client.secret) return json(401, { error: 'invalid_client' })
          return issue({ clientId: client.id, scope: form.scope ?? '', resource: form.resource }, false)
        }
        return json(400, { error: 'unsupported_grant_type' })
      }
      if (url.pathname.startsWith('/api/')) {
        const metadata = `${fixture.url}/.well-known/oauth-protected-resource/api`
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
        const grant = accessTokens.get(token)
        if (!grant || grant.expiresAt < Date.now()) {
          const error = token ? ', error="invalid_token"' : ''
          return json(401, { message: 'unauthorized' }, { 'www-authenticate': `Bearer resource_metadata="${metadata}"${error}` })
        }
        const scopes = grant.scope.split(' ')
        if (url.pathname === '/api/admin' && !scopes.includes('admin')) {
          return json(403, { message: 'forbidden' }, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="admin"' })
        }
        return json(200, { ok: true, path: url.pathname, client: grant.clientId, scope: grant.scope })
      }
      json(404, { error: 'not_found' })
    } catch (error) {
      json(500, { error: 'server_error', error_description: String(error) })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const fixture: OAuthFixture = {
    url,
    issuer: url,
    apiUrl: `${url}/api`,
    refreshGrants: 0,
    tokenRequests: [],
    authorizeRequests: [],
    clientMetadataFetched: [],
    denyNext: false,
    revokeRefreshTokens: () => refreshTokens.clear(),
    liveRefreshTokens: () => refreshTokens.size,
    expireAccessTokens: () => {
      for (const grant of accessTokens.values()) grant.expiresAt = 0
    },
    checkAccessToken: (token) => {
      const grant = accessTokens.get(token)
      return grant && grant.expiresAt >= Date.now() ? { scope: grant.scope, ...(grant.resource ? { resource: grant.resource } : {}) } : undefined
    },
    protectResource: (resourceUrl, scopes = ['mcp:tools']) => {
      const path = `/.well-known/oauth-protected-resource${new URL(resourceUrl).pathname.replace(/\/+$/, '')}`
      protectedResources.set(path, { resource: resourceUrl, scopes })
      return `${url}${path}`
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return fixture
}

/** A public client described by the document at its client ID (which must name itself). */
async function clientFromMetadataDocument(clientId: string): Promise<Client | undefined> {
  const response = await fetch(clientId, { headers: { accept: 'application/json' } }).catch(() => undefined)
  if (!response?.ok) return undefined
  const document = (await response.json().catch(() => undefined)) as { client_id?: unknown; redirect_uris?: unknown } | undefined
  if (document?.client_id !== clientId || !Array.isArray(document.redirect_uris)) return undefined
  return { id: clientId, redirectUris: document.redirect_uris.filter((u): u is string => typeof u === 'string') }
}

function authenticate(header: string | undefined, form: Record<string, string>, clients: Map<string, Client>): Client | undefined {
  let id = form.client_id
  let secret = form.client_secret
  const basic = /^Basic (.+)$/.exec(header ?? '')?.[1]
  if (basic) {
    const [user, pass] = Buffer.from(basic, 'base64').toString().split(':')
    id = decodeURIComponent(user ?? '')
    secret = decodeURIComponent(pass ?? '')
  }
  const client = clients.get(id ?? '')
  if (!client) return undefined
  if (client.secret !== undefined && client.secret !== secret) return undefined
  return client
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (text += chunk))
    request.on('end', () => resolve(text))
    request.on('error', reject)
  })
}
