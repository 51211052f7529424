// Personal API keys: `exk_` + 256 random bits, shown once; only the SHA-256 is stored,
// so a lookup is one indexed read. Keys authenticate as their owner with the owner's role.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { apiKey, member, user } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { newId, randomToken, sha256Hex } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import type { CreateApiKeyInput } from './api-key.schema'
import { verifiedKeys, type VerifiedKey } from './verified-key-cache'

export const API_KEY_PREFIX = 'exk_'
const DAY_MS = 24 * 60 * 60 * 1000
// Recording every use would turn each authenticated read into a write; a minute is precise
// enough for "last used".
const LAST_USED_RESOLUTION_MS = 60_000

export type ApiKeyView = {
  id: string
  name: string
  prefix: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  status: 'active' | 'expired'
}

export async function createApiKey(
  db: Database,
  actor: Principal,
  input: CreateApiKeyInput,
  now: number,
): Promise<{ apiKey: ApiKeyView; key: string }> {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`
  const id = newId('key')
  const row = {
    id,
    userId: actor.userId,
    name: input.name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 8),
    keyHash: await sha256Hex(key),
    createdAt: new Date(now),
    expiresAt: input.expiresInDays ? new Date(now + input.expiresInDays * DAY_MS) : null,
  }
  await db.insert(apiKey).values(row)
  // The prefix is what the list shows to tell keys apart; the key itself is never recorded.
  await recordAudit(db, actorOf(actor), {
    action: 'api_key.created',
    target: { type: 'api_key', id, label: input.name },
    details: { prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null },
  }, now)
  return { apiKey: toView({ ...row, lastUsedAt: null }, now), key }
}

/** The caller's own keys that are not revoked, newest first. */
export async function listApiKeys(db: Database, actor: Principal, now: number): Promise<ApiKeyView[]> {
  const rows = await db
    .select()
    .from(apiKey)
    .where(and(eq(apiKey.userId, actor.userId), isNull(apiKey.revokedAt)))
    .orderBy(desc(apiKey.createdAt))
  return rows.map((row) => toView(row, now))
}

export type MemberApiKeyView = ApiKeyView & { owner: { userId: string; name: string; email: string } }

/** Every member's keys that are not revoked, newest first: for owners and admins. */
export async function listAllApiKeys(db: Database, actor: Principal, now: number): Promise<MemberApiKeyView[]> {
  requireAdmin(actor)
  const rows = await db
    .select({ key: apiKey, name: user.name, email: user.email })
    .from(apiKey)
    .innerJoin(user, eq(user.id, apiKey.userId))
    .where(isNull(apiKey.revokedAt))
    .orderBy(desc(apiKey.createdAt))
  return rows.map((row) => ({ ...toView(row.key, now), owner: { userId: row.key.userId, name: row.name, email: row.email } }))
}

/**
 * Revokes one of the caller's keys; with `anyMember`, an owner or admin revokes anyone's (a key
 * left on a lost laptop, or a person who left). The key stops working at once.
 */
export async function revokeApiKey(db: Database, actor: Principal, id: string, now: number, options: { anyMember?: boolean } = {}): Promise<void> {
  if (options.anyMember) requireAdmin(actor)
  const result = await db
    .update(apiKey)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(apiKey.id, id), options.anyMember ? undefined : eq(apiKey.userId, actor.userId), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, userId: apiKey.userId })
  const revoked = result[0]
  if (!revoked) throw new AppError('NOT_FOUND', 'No such API key')
  verifiedKeys(db).forgetKey(id)
  await recordAudit(db, actorOf(actor), {
    action: 'api_key.revoked',
    target: { type: 'api_key', id, label: revoked.name },
    details: { prefix: revoked.prefix, ...(revoked.userId === actor.userId ? {} : { ownerId: revoked.userId }) },
  }, now)
}

function requireAdmin(actor: Principal) {
  if (!hasRole(actor.role, 'admin')) throw new AppError('FORBIDDEN', 'Only owners and admins can see or revoke other members’ keys')
}

/** The key in `Authorization: Bearer` or `x-api-key`, if the request carries one of ours. */
export function apiKeyFromRequest(request: Request): string | undefined {
  const header = request.headers.get('x-api-key')?.trim()
  if (header) return header
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined
}

/**
 * The principal a presented key stands for; a revoked, expired or unknown key is a 401. Keys
 * verified before come from the in-process cache (see verified-key-cache.ts); expiry is checked
 * on every use either way.
 */
export async function verifyApiKey(db: Database, key: string, now: number): Promise<Principal> {
  const keyHash = await sha256Hex(key)
  const cache = verifiedKeys(db)
  let verified = cache.get(keyHash, now)
  if (!verified) {
    const snapshot = cache.snapshot()
    const row = await db
      .select({ key: apiKey, name: user.name, email: user.email, role: member.role })
      .from(apiKey)
      .innerJoin(user, eq(user.id, apiKey.userId))
      .innerJoin(member, eq(member.userId, apiKey.userId))
      .where(eq(apiKey.keyHash, keyHash))
      .get()
    if (!row || row.key.revokedAt) throw new AppError('UNAUTHORIZED', 'API key is invalid or revoked')
    verified = {
      keyId: row.key.id,
      principal: Object.freeze({ userId: row.key.userId, name: row.name, email: row.email, role: row.role, via: 'api_key', apiKeyId: row.key.id }),
      expiresAt: row.key.expiresAt?.getTime() ?? null,
      lastUsedAt: row.key.lastUsedAt?.getTime() ?? null,
    }
    cache.set(keyHash, verified, snapshot, now)
  }
  if (verified.expiresAt !== null && verified.expiresAt <= now) {
    cache.forgetHash(keyHash)
    throw new AppError('UNAUTHORIZED', 'API key has expired')
  }
  await recordUse(db, verified, now)
  return verified.principal
}

async function recordUse(db: Database, verified: VerifiedKey, now: number) {
  if (verified.lastUsedAt !== null && verified.lastUsedAt >= now - LAST_USED_RESOLUTION_MS) return
  verified.lastUsedAt = now
  const staleBefore = new Date(now - LAST_USED_RESOLUTION_MS)
  await db
    .update(apiKey)
    .set({ lastUsedAt: new Date(now) })
    .where(
      and(
        eq(apiKey.id, verified.keyId),
        or(isNull(apiKey.lastUsedAt), lt(apiKey.lastUsedAt, staleBefore)),
      ),
    )
}

function toView(
  row: { id: string; name: string; prefix: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null },
  now: number,
): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : 'active',
  }
}
