// The access token a call presents, refreshed ahead of expiry without ever losing a rotated
// refresh token or spending one twice:
// - within a process, one refresh per connection at a time (single flight): concurrent calls
//   share it;
// - across processes sharing the database, one refresh per connection at a time (a lease taken
//   by a conditional UPDATE): a process that loses waits and reads the winner's new token;
// - the new tokens are written (compare-and-set on token_version) before the access token is used;
// - `invalid_grant` marks the connection `needs_reauth` instead of retrying forever.
import * as oauth from 'oauth4webapi'
import type { GuardedFetch } from '../../net/guarded-fetch'
import type { ConnectionRow } from '../connections'
import { clientAuth, oauthErrorText } from './client'
import { ConnectionAuthError } from './connection-auth-error'
import { oauthRequestOptions } from './oauth-http'
import type { OAuthSecret, OAuthSettings } from './oauth-settings'
import { createSingleFlight } from './single-flight'
import {
  markNeedsReauth,
  openOAuthSecret,
  readConnection,
  releaseRefreshLease,
  takeRefreshLease,
  writeTokens,
  type TokenAnswer,
  type TokenStoreDeps,
} from './token-store'

export type AccessTokenDeps = TokenStoreDeps & { fetch: GuardedFetch }

/** A token this close to its expiry is refreshed first (clock skew and the call's own time). */
export const REFRESH_SKEW_MS = 60_000
/** How long a refresh may hold the lease; a process that died holding it blocks others this long at most. */
export const REFRESH_LEASE_MS = 30_000
const LEASE_POLL_MS = 50

const refreshes = createSingleFlight<string>()

/** `connection <address>`-style name for messages, set by the caller (e.g. `petstore org.main`). */
export async function oauthAccessToken(deps: AccessTokenDeps, row: ConnectionRow, name: string): Promise<string> {
  usable(row, name)
  const secret = await openOAuthSecret(deps.secrets, row)
  if (isFresh(row, secret, deps.now())) return secret.accessToken!
  return refreshes.run(row.id, () => refreshShared(deps, row.id, name))
}

function isFresh(row: ConnectionRow, secret: OAuthSecret, now: number): boolean {
  if (!secret.accessToken) return false
  const expiresAt = (row.authConfig as OAuthSettings).expiresAt
  return expiresAt === undefined || Date.parse(expiresAt) - REFRESH_SKEW_MS > now
}

function usable(row: ConnectionRow, name: string): void {
  if (row.status === 'pending') {
    throw new ConnectionAuthError(`Connection ${name} is not authorized yet: its owner must open its Connect link first`)
  }
  if (row.status === 'needs_reauth') {
    throw new ConnectionAuthError(`Connection ${name} needs to be authorized again: ${row.statusMessage ?? 'its grant is no longer valid'}`)
  }
}

async function refreshShared(deps: AccessTokenDeps, id: string, name: string): Promise<string> {
  const giveUpAt = deps.now() + REFRESH_LEASE_MS + 5_000
  for (;;) {
    const row = await readConnection(deps.db, id)
    if (!row) throw new ConnectionAuthError(`Connection ${name} was deleted`)
    usable(row, name)
    const secret = await openOAuthSecret(deps.secrets, row)
    if (isFresh(row, secret, deps.now())) return secret.accessToken!
    if (await takeRefreshLease(deps, row, REFRESH_LEASE_MS)) return refreshHolding(deps, row, secret, name)
    if (deps.now() > giveUpAt) throw new ConnectionAuthError(`Connection ${name}: another server has been refreshing its token for too long; try again`)
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS))
  }
}

async function refreshHolding(deps: AccessTokenDeps, row: ConnectionRow, secret: OAuthSecret, name: string): Promise<string> {
  const settings = row.authConfig as OAuthSettings
  let answer: TokenAnswer
  try {
    answer = await requestToken(deps.fetch, settings, secret)
  } catch (error) {
    const code = error instanceof oauth.ResponseBodyError ? error.error : undefined
    if (code === 'invalid_grant' || code === 'invalid_client' || error instanceof MissingGrantError) {
      const why =
        code === 'invalid_client'
          ? `the authorization server refused the client credentials (${oauthErrorText(error)}); update the client secret`
          : `the authorization server refused its refresh token (${oauthErrorText(error)}); re-authorize it`
      await markNeedsReauth(deps, row, why, { holdsLease: true })
      throw new ConnectionAuthError(`Connection ${name} needs to be authorized again: ${why}`)
    }
    await releaseRefreshLease(deps, row)
    throw new ConnectionAuthError(`Connection ${name}: refreshing its access token failed (${oauthErrorText(error)}); try again`)
  }
  // Stored before use: a rotated refresh token must never exist only in memory.
  if (!(await writeTokens(deps, row, secret, answer))) {
    throw new ConnectionAuthError(`Connection ${name}: its tokens changed while refreshing; try again`)
  }
  return answer.access_token
}

class MissingGrantError extends Error {}

/** A refresh token grant, or a new client credentials grant when that is how tokens come. */
export async function requestToken(fetch: GuardedFetch, settings: OAuthSettings, secret: OAuthSecret): Promise<TokenAnswer> {
  const as = authorizationServer(settings)
  const client: oauth.Client = { client_id: settings.clientId }
  const auth = clientAuth(settings, secret.clientSecret)
  const resource = settings.resource ? { resource: settings.resource } : undefined
  const options = { ...oauthRequestOptions(fetch, settings.tokenEndpoint), additionalParameters: resource }
  if (settings.grant === 'client_credentials') {
    const parameters: Record<string, string> = { ...(settings.scopes.length > 0 ? { scope: settings.scopes.join(' ') } : {}), ...resource }
    const response = await oauth.clientCredentialsGrantRequest(as, client, auth, parameters, oauthRequestOptions(fetch, settings.tokenEndpoint))
    return oauth.processClientCredentialsResponse(as, client, response)
  }
  if (!secret.refreshToken) throw new MissingGrantError('the access token expired and the server gave no refresh token')
  const response = await oauth.refreshTokenGrantRequest(as, client, auth, secret.refreshToken, options)
  return oauth.processRefreshTokenResponse(as, client, response)
}

export function authorizationServer(settings: OAuthSettings): oauth.AuthorizationServer {
  return {
    issuer: settings.issuer ?? new URL(settings.tokenEndpoint).origin,
    token_endpoint: settings.tokenEndpoint,
    ...(settings.authorizationEndpoint ? { authorization_endpoint: settings.authorizationEndpoint } : {}),
  }
}
