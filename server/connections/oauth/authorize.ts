// The authorization code flow with PKCE (S256 only): `startAuthorization` stores a state and
// returns the URL the person opens; `finishAuthorization` handles the callback, exchanging the
// code for tokens stored sealed on the connection.
import * as oauth from 'oauth4webapi'
import { AppError } from '../../http/app-error'
import type { Principal } from '../../auth/principal'
import { actorOf, recordAudit } from '../../audit/audit-log'
import { connectionAddress, type ConnectionRow } from '../connections'
import { authorizationServer, type AccessTokenDeps } from './access-token'
import { clientAuth, oauthErrorText, redirectUri } from './client'
import { oauthRequestOptions } from './oauth-http'
import type { OAuthSettings } from './oauth-settings'
import { consumeState, createState } from './oauth-state'
import { openOAuthSecret, readConnection, writeTokens } from './token-store'

export type AuthorizeDeps = AccessTokenDeps & { publicOrigin: string }

export async function startAuthorization(deps: AuthorizeDeps, principal: Principal, row: ConnectionRow): Promise<string> {
  const settings = row.authConfig as OAuthSettings
  if (settings.type !== 'oauth2' || settings.grant !== 'authorization_code' || !settings.authorizationEndpoint) {
    throw new AppError('BAD_REQUEST', 'Only OAuth 2 connections using the authorization code grant are authorized in a browser')
  }
  const codeVerifier = oauth.generateRandomCodeVerifier()
  const redirect = redirectUri(deps.publicOrigin)
  const state = await createState(deps, { connectionId: row.id, userId: principal.userId, redirectUri: redirect, codeVerifier })
  const url = new URL(settings.authorizationEndpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', settings.clientId)
  url.searchParams.set('redirect_uri', redirect)
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier))
  url.searchParams.set('code_challenge_method', 'S256')
  url.searchParams.set('state', state)
  if (settings.scopes.length > 0) url.searchParams.set('scope', settings.scopes.join(' '))
  if (settings.resource) url.searchParams.set('resource', settings.resource)
  return url.toString()
}

export type CallbackOutcome =
  | { kind: 'connected'; connection: string; integrationId?: string }
  | { kind: 'denied'; connection?: string; integrationId?: string }
  | { kind: 'expired' }
  | { kind: 'unknown' }
  | { kind: 'wrong_user' }
  | { kind: 'error'; detail: string; connection?: string; integrationId?: string }

/** The callback: consumes the state once, then exchanges the code (or reports the provider's error). */
export async function finishAuthorization(deps: AuthorizeDeps, principal: Principal, params: URLSearchParams): Promise<CallbackOutcome> {
  const consumed = await consumeState(deps, params.get('state') ?? '')
  if (consumed.outcome === 'unknown') return { kind: 'unknown' }
  if (consumed.outcome === 'expired') return { kind: 'expired' }
  const { pending } = consumed
  // Only the person who started it may finish it: a Connect link sent to someone else must not
  // bind their account's tokens to the sender's connection.
  if (pending.userId !== principal.userId) return { kind: 'wrong_user' }
  const row = await readConnection(deps.db, pending.connectionId)
  if (!row) return { kind: 'error', detail: 'the connection was deleted while it was being authorized' }
  const name = row.name
  const integrationId = row.integrationId
  const error = params.get('error')
  if (error === 'access_denied') return { kind: 'denied', connection: name, integrationId }
  if (error !== null) {
    const description = params.get('error_description')
    return { kind: 'error', detail: description ? `${error}: ${description}` : error, connection: name, integrationId }
  }
  const settings = row.authConfig as OAuthSettings
  const secret = await openOAuthSecret(deps.secrets, row)
  const as = authorizationServer(settings)
  const client: oauth.Client = { client_id: settings.clientId }
  try {
    const callback = oauth.validateAuthResponse(as, client, params, oauth.skipStateCheck)
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth(settings, secret.clientSecret), callback, pending.redirectUri, pending.codeVerifier, {
      ...oauthRequestOptions(deps.fetch, settings.tokenEndpoint),
      additionalParameters: settings.resource ? { resource: settings.resource } : undefined,
    })
    const answer = await oauth.processAuthorizationCodeResponse(as, client, response)
    if (!(await writeTokens(deps, row, secret, answer))) return { kind: 'error', detail: 'the connection changed while it was being authorized; try again', connection: name, integrationId }
    await recordAudit(deps.db, actorOf(principal), {
      action: 'connection.authorized',
      target: { type: 'connection', id: row.id, label: connectionAddress(row) },
      details: { integrationId, address: connectionAddress(row), scopes: answer.scope ?? null },
    })
    return { kind: 'connected', connection: name, integrationId }
  } catch (caught) {
    return { kind: 'error', detail: oauthErrorText(caught), connection: name, integrationId }
  }
}
