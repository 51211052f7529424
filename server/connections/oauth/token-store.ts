// Reading and writing an OAuth 2 connection's tokens. Every token write is a compare-and-set on
// `token_version`: it lands only over the version it was computed from, and bumps it, so two
// writers can never interleave and a rotated refresh token is stored in the same write as the
// access token it came with (before that access token is handed to any call).
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { connection } from '~/db/schema'
import type { SecretBox } from '../../secrets/secret-box'
import { connectionSecretContext } from '../../secrets/contexts'
import type { ConnectionRow } from '../connections'
import { scopeList, type OAuthSecret, type OAuthSettings } from './oauth-settings'

export type TokenStoreDeps = { db: Database; secrets: SecretBox; now: () => number }

/** What a token endpoint answered (oauth4webapi's TokenEndpointResponse, the parts kept). */
export type TokenAnswer = { access_token: string; refresh_token?: string; expires_in?: number; scope?: string }

export async function readConnection(db: Database, id: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(connection).where(eq(connection.id, id)).limit(1)
  return row
}

export async function openOAuthSecret(secrets: SecretBox, row: ConnectionRow): Promise<OAuthSecret> {
  if (row.secret === null) return {}
  return JSON.parse(await secrets.open(row.secret, connectionSecretContext(row.id))) as OAuthSecret
}

export async function sealOAuthSecret(secrets: SecretBox, id: string, secret: OAuthSecret): Promise<string> {
  return secrets.seal(JSON.stringify(secret), connectionSecretContext(id))
}

/**
 * Stores a token answer over `row`'s version (ready again, lease released). False when another
 * writer got there first: the caller re-reads instead of overwriting newer tokens.
 */
export async function writeTokens(deps: TokenStoreDeps, row: ConnectionRow, secret: OAuthSecret, answer: TokenAnswer, scopes?: string[]): Promise<boolean> {
  const settings = row.authConfig as OAuthSettings
  const now = deps.now()
  const granted = answer.scope !== undefined ? scopeList(answer.scope) : settings.grantedScopes
  const next: OAuthSettings = { ...settings, ...(scopes ? { scopes } : {}) }
  delete next.expiresAt
  delete next.grantedScopes
  if (granted) next.grantedScopes = granted
  if (typeof answer.expires_in === 'number') next.expiresAt = new Date(now + answer.expires_in * 1000).toISOString()
  const sealed = await sealOAuthSecret(deps.secrets, row.id, {
    ...(secret.clientSecret ? { clientSecret: secret.clientSecret } : {}),
    accessToken: answer.access_token,
    // A server that does not rotate sends no new refresh token: the old one stays valid.
    ...((answer.refresh_token ?? secret.refreshToken) ? { refreshToken: answer.refresh_token ?? secret.refreshToken } : {}),
  })
  const written = await deps.db
    .update(connection)
    .set({
      secret: sealed,
      authConfig: next,
      secretUpdatedAt: new Date(now),
      updatedAt: new Date(now),
      status: 'ready',
      statusMessage: null,
      tokenVersion: sql`${connection.tokenVersion} + 1`,
      refreshLeaseUntil: null,
    })
    .where(and(eq(connection.id, row.id), eq(connection.tokenVersion, row.tokenVersion)))
    .returning({ id: connection.id })
  return written.length === 1
}

/** Takes the refresh lease over `row`'s version when nobody holds a live one; true when taken. */
export async function takeRefreshLease(deps: TokenStoreDeps, row: ConnectionRow, leaseMs: number): Promise<boolean> {
  const now = deps.now()
  const taken = await deps.db
    .update(connection)
    .set({ refreshLeaseUntil: new Date(now + leaseMs) })
    .where(
      and(
        eq(connection.id, row.id),
        eq(connection.tokenVersion, row.tokenVersion),
        noLiveLease(now),
      ),
    )
    .returning({ id: connection.id })
  return taken.length === 1
}

export async function releaseRefreshLease(deps: TokenStoreDeps, row: ConnectionRow): Promise<void> {
  await deps.db
    .update(connection)
    .set({ refreshLeaseUntil: null })
    .where(and(eq(connection.id, row.id), eq(connection.tokenVersion, row.tokenVersion)))
}

/**
 * Marks the connection as needing authorization again (over `row`'s version only: if someone
 * stored new tokens meanwhile, theirs stand). `settings` may add scopes a call needed.
 */
export async function markNeedsReauth(
  deps: TokenStoreDeps,
  row: ConnectionRow,
  message: string,
  options: { settings?: OAuthSettings; holdsLease: boolean },
): Promise<boolean> {
  const settings = options.settings
  const written = await deps.db
    .update(connection)
    .set({
      status: 'needs_reauth',
      statusMessage: message,
      ...(settings ? { authConfig: settings } : {}),
      updatedAt: new Date(deps.now()),
      tokenVersion: sql`${connection.tokenVersion} + 1`,
      refreshLeaseUntil: null,
    })
    .where(and(eq(connection.id, row.id), eq(connection.tokenVersion, row.tokenVersion), options.holdsLease ? undefined : noLiveLease(deps.now())))
    .returning({ id: connection.id })
  return written.length === 1
}

/**
 * Settings changed without new tokens (an access token the API refused is marked expired). Not
 * while a refresh runs: its write must land over the version it read, or its tokens are lost.
 */
export async function writeSettings(deps: TokenStoreDeps, row: ConnectionRow, settings: OAuthSettings): Promise<boolean> {
  const written = await deps.db
    .update(connection)
    .set({ authConfig: settings, updatedAt: new Date(deps.now()), tokenVersion: sql`${connection.tokenVersion} + 1` })
    .where(and(eq(connection.id, row.id), eq(connection.tokenVersion, row.tokenVersion), noLiveLease(deps.now())))
    .returning({ id: connection.id })
  return written.length === 1
}

function noLiveLease(now: number) {
  return sql`(${connection.refreshLeaseUntil} is null or ${connection.refreshLeaseUntil} <= ${now})`
}
