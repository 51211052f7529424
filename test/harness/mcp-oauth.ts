// Driving Executor's MCP authorization server over plain HTTP, as a client and a signed-in
// browser would: authorize, consent (with the session cookie), exchange the code.
import { createHash, randomBytes } from 'node:crypto'
import { call, type Session } from './accounts'

export type Pkce = { verifier: string; challenge: string }

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export function authorizeUrl(baseUrl: string, params: Record<string, string>): string {
  return `${baseUrl}/oauth/authorize?${new URLSearchParams({ response_type: 'code', code_challenge_method: 'S256', ...params })}`
}

/** GET the authorize URL without following redirects. */
export async function startAuthorization(url: string): Promise<{ status: number; location: string | null; body: string }> {
  const response = await fetch(url, { redirect: 'manual' })
  return { status: response.status, location: response.headers.get('location'), body: await response.text() }
}

/** Authorize → consent page → Allow (or Deny) as `who`; returns where the browser is sent. */
export async function consent(baseUrl: string, who: Session, url: string, approve = true): Promise<URL> {
  const started = await startAuthorization(url)
  if (started.status !== 302 || !started.location?.startsWith('/mcp-consent?')) {
    throw new Error(`authorize answered ${started.status} ${started.location ?? started.body}`)
  }
  const query = started.location.slice('/mcp-consent?'.length)
  const decided = await call(baseUrl, '/api/mcp-oauth/consent', { cookie: who.cookie, body: { query, approve } })
  if (decided.status !== 200) throw new Error(`consent answered ${decided.status} ${JSON.stringify(decided.body)}`)
  return new URL(String(decided.body.redirectTo))
}

export async function tokenCall(baseUrl: string, form: Record<string, string>) {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

export async function register(baseUrl: string, metadata: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** A registered client, allowed by `who`, with its first tokens. */
export async function authorizedClient(baseUrl: string, who: Session, name = 'Test client', redirectUri = 'http://127.0.0.1:9/callback') {
  const registered = await register(baseUrl, { client_name: name, redirect_uris: [redirectUri], token_endpoint_auth_method: 'none' })
  const clientId = String(registered.body.client_id)
  const { verifier, challenge } = pkce()
  const back = await consent(baseUrl, who, authorizeUrl(baseUrl, { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, state: 's1' }))
  const code = back.searchParams.get('code')
  if (!code) throw new Error(`no code in ${back}`)
  const tokens = await tokenCall(baseUrl, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: redirectUri })
  if (tokens.status !== 200) throw new Error(`token answered ${tokens.status} ${JSON.stringify(tokens.body)}`)
  return { clientId, redirectUri, accessToken: String(tokens.body.access_token), refreshToken: String(tokens.body.refresh_token), tokens: tokens.body }
}
