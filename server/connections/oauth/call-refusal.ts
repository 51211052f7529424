// What an API's refusal of an OAuth 2 token means for the connection. A 401 `invalid_token`:
// the access token is marked expired, so the next call refreshes it. A 403 `insufficient_scope`
// naming a scope: the connection needs that scope (a client credentials connection asks for it
// at its next grant; an authorization code one needs its owner to authorize it again).
import type { ConnectionRow } from '../connections'
import { ConnectionAuthError } from './connection-auth-error'
import { bearerChallenge } from './discovery-urls'
import { isOAuthSettings, scopeList, type OAuthSettings } from './oauth-settings'
import { markNeedsReauth, readConnection, writeSettings, type TokenStoreDeps } from './token-store'

/** Reads the challenge of an error a kind threw for an upstream answer (`wwwAuthenticate`, `status`). */
function challengeOf(error: unknown): { status?: number; params?: Record<string, string> } {
  if (typeof error !== 'object' || error === null) return {}
  const { status, wwwAuthenticate } = error as { status?: unknown; wwwAuthenticate?: unknown }
  return {
    status: typeof status === 'number' ? status : undefined,
    params: typeof wwwAuthenticate === 'string' ? bearerChallenge(wwwAuthenticate) : undefined,
  }
}

/**
 * Updates the connection after a refused call; returns the error the agent should read instead
 * (one naming the connection and the missing scope), or undefined to keep the original.
 */
export async function noteCallRefusal(deps: TokenStoreDeps, used: ConnectionRow, error: unknown, name: string): Promise<Error | undefined> {
  if (!isOAuthSettings(used.authConfig)) return undefined
  const { status, params } = challengeOf(error)
  if (status !== 401 && status !== 403) return undefined
  const row = await readConnection(deps.db, used.id)
  if (!row || !isOAuthSettings(row.authConfig)) return undefined
  const settings = row.authConfig
  if (params?.error === 'insufficient_scope') {
    const needed = scopeList(params.scope).filter((scope) => !settings.scopes.includes(scope))
    const wanted = needed.length > 0 ? needed : scopeList(params.scope)
    const scopes = [...settings.scopes, ...needed]
    const what = wanted.length > 0 ? `the scope ${wanted.map((s) => `"${s}"`).join(', ')}` : 'more scope'
    if (settings.grant === 'client_credentials') {
      await writeSettings(deps, row, { ...settings, scopes, expiresAt: new Date(0).toISOString() })
      return new ConnectionAuthError(`Connection ${name} lacked ${what}; it asks for it with its next token, so try again`)
    }
    const message = `a call needed ${what}, which it was not granted; re-authorize it to grant that scope`
    await markNeedsReauth(deps, row, message, { settings: { ...settings, scopes }, holdsLease: false })
    return new ConnectionAuthError(`Connection ${name} needs to be authorized again: ${message}`)
  }
  if (status === 401 && row.tokenVersion === used.tokenVersion) {
    const expired: OAuthSettings = { ...settings, expiresAt: new Date(0).toISOString() }
    await writeSettings(deps, row, expired)
  }
  return undefined
}
