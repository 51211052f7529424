// OAuth 2 authorizations in flight. The `state` sent to the authorization server is random
// (256 bits) and only its SHA-256 is stored, with the PKCE verifier sealed. The callback
// consumes it with one DELETE … RETURNING, so of two requests carrying the same state exactly one
// gets it; it is refused after STATE_TTL_MS.
import { eq, lt } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { oauthState } from '~/db/schema'
import { randomToken, sha256Hex } from '../../crypto/tokens'
import { oauthStateContext } from '../../secrets/contexts'
import type { SecretBox } from '../../secrets/secret-box'

export const STATE_TTL_MS = 15 * 60_000
/** Expired states are kept this long so a late callback is told "expired", not "unknown". */
const EXPIRED_KEPT_MS = 24 * 60 * 60_000

export type StateDeps = { db: Database; secrets: SecretBox; now: () => number }

export type PendingAuthorization = { connectionId: string; userId: string; redirectUri: string; codeVerifier: string }

export type ConsumedState =
  | { outcome: 'ok'; pending: PendingAuthorization }
  | { outcome: 'expired'; connectionId: string }
  | { outcome: 'unknown' }

/** Stores a new authorization and returns the `state` to send (never stored itself). */
export async function createState(deps: StateDeps, pending: PendingAuthorization): Promise<string> {
  const state = randomToken(32)
  const stateHash = await sha256Hex(state)
  const now = deps.now()
  await deps.db.delete(oauthState).where(lt(oauthState.expiresAt, new Date(now - EXPIRED_KEPT_MS)))
  await deps.db.insert(oauthState).values({
    stateHash,
    connectionId: pending.connectionId,
    userId: pending.userId,
    sealed: await deps.secrets.seal(JSON.stringify({ codeVerifier: pending.codeVerifier }), oauthStateContext(stateHash)),
    redirectUri: pending.redirectUri,
    createdAt: new Date(now),
    expiresAt: new Date(now + STATE_TTL_MS),
  })
  return state
}

/** Takes the authorization a callback's `state` names, once; a second take finds nothing. */
export async function consumeState(deps: StateDeps, state: string): Promise<ConsumedState> {
  if (state === '' || state.length > 200) return { outcome: 'unknown' }
  const stateHash = await sha256Hex(state)
  const [row] = await deps.db.delete(oauthState).where(eq(oauthState.stateHash, stateHash)).returning()
  if (!row) return { outcome: 'unknown' }
  if (row.expiresAt.getTime() <= deps.now()) return { outcome: 'expired', connectionId: row.connectionId }
  const { codeVerifier } = JSON.parse(await deps.secrets.open(row.sealed, oauthStateContext(stateHash))) as { codeVerifier: string }
  return { outcome: 'ok', pending: { connectionId: row.connectionId, userId: row.userId, redirectUri: row.redirectUri, codeVerifier } }
}
