// Checking an authorization request (the query of /oauth/authorize). It is checked three times
// with the same rules: when the client sends the browser here, when the consent page shows it,
// and when the person allows it, since the query passes through the browser in between.
import { AppError } from '../http/app-error'
import { resolveClient, type ClientDeps, type OAuthClient } from './clients'
import { mcpResource } from './metadata'
import { oauthError, type OAuthErrorName } from './oauth-error'

export type AuthorizationRequest = {
  client: OAuthClient
  redirectUri: string
  codeChallenge: string
  state: string | undefined
  resource: string
}

/**
 * The request, or a problem. `redirect` problems go back to the client's (already verified)
 * redirect URI as `?error=`; the others are shown to the person, since sending them to an
 * unverified URI would make this an open redirector.
 */
export type AuthorizationCheck =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; error: AppError; redirect?: string }

// A base64url SHA-256 digest is 43 characters; RFC 7636 allows 43 to 128.
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/

export async function checkAuthorizationRequest(
  deps: ClientDeps & { publicOrigin: string },
  params: URLSearchParams,
): Promise<AuthorizationCheck> {
  const clientId = params.get('client_id')
  if (!clientId) return { ok: false, error: oauthError('invalid_request', 'client_id is required') }
  let client: OAuthClient
  try {
    client = await resolveClient(deps, clientId)
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error }
    throw error
  }
  const asked = params.get('redirect_uri')
  const redirectUri = asked ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined)
  if (!redirectUri) return { ok: false, error: oauthError('invalid_request', 'redirect_uri is required for this client') }
  if (!client.redirectUris.includes(redirectUri)) {
    return { ok: false, error: oauthError('invalid_redirect_uri', 'redirect_uri is not one this client registered') }
  }

  const state = params.get('state') ?? undefined
  const refuse = (error: OAuthErrorName, description: string): AuthorizationCheck => ({
    ok: false,
    error: oauthError(error, description),
    redirect: errorRedirect(redirectUri, deps.publicOrigin, error, description, state),
  })
  if (params.get('response_type') !== 'code') return refuse('unsupported_response_type', 'response_type must be code')
  const challenge = params.get('code_challenge')
  if (!challenge) return refuse('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256')
  if (params.get('code_challenge_method') !== 'S256') {
    return refuse('invalid_request', 'code_challenge_method must be S256 (plain is not accepted)')
  }
  if (!CODE_CHALLENGE.test(challenge)) return refuse('invalid_request', 'code_challenge is not a valid S256 challenge')
  const resource = mcpResource(deps.publicOrigin)
  const askedResources = params.getAll('resource')
  if (askedResources.some((r) => r.replace(/\/$/, '') !== resource)) {
    return refuse('invalid_target', `This server issues tokens only for ${resource}`)
  }
  return { ok: true, request: { client, redirectUri, codeChallenge: challenge, state, resource } }
}

/** The client's redirect URI with the authorization's outcome (RFC 9207 `iss` included). */
export function clientRedirect(redirectUri: string, fields: Record<string, string | undefined>): string {
  const url = new URL(redirectUri)
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) url.searchParams.set(name, value)
  return url.toString()
}

function errorRedirect(redirectUri: string, issuer: string, error: OAuthErrorName, description: string, state?: string) {
  return clientRedirect(redirectUri, { error, error_description: description, state, iss: issuer })
}

export function deniedRedirect(request: AuthorizationRequest, issuer: string): string {
  return errorRedirect(request.redirectUri, issuer, 'access_denied', 'The person declined to authorize this client', request.state)
}
