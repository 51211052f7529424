// Verified API keys, remembered in process so an MCP call does not pay a join query to learn who
// is calling. The container is one process per data dir, so every revocation, member removal,
// role change and account update goes through this process and forgets the affected entries at
// once (forgetKey/forgetUser from those code paths). The TTL is only a backstop for rows changed
// from outside, e.g. by hand in the database file: such a change is seen within TTL_MS.
// Expiry is checked on every hit against the cached expiry time.
import type { Database } from '~/db/database'
import type { Principal } from '../auth/principal'

export const VERIFIED_KEY_TTL_MS = 10_000
const MAX_ENTRIES = 10_000

export type VerifiedKey = {
  keyId: string
  /** shared by every request that presents the key, so frozen */
  readonly principal: Readonly<Principal>
  /** epoch ms, or null for a key that never expires */
  expiresAt: number | null
  /** epoch ms of the last recorded use, for throttling last-used writes */
  lastUsedAt: number | null
}

type Entry = { key: VerifiedKey; cachedAt: number }

export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>()
  // Bumped by every invalidation. A lookup that started before one must not cache what it read,
  // since the row may have changed after it was read.
  private generation = 0

  constructor(private readonly ttlMs = VERIFIED_KEY_TTL_MS, private readonly maxEntries = MAX_ENTRIES) {}

  /** the entry for `keyHash` when cached within the TTL (the cached object: callers may update lastUsedAt) */
  get(keyHash: string, now: number): VerifiedKey | undefined {
    const entry = this.entries.get(keyHash)
    if (!entry) return undefined
    if (now - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(keyHash)
      return undefined
    }
    return entry.key
  }

  /** a token to pass to `set` after reading the key's row */
  snapshot(): number {
    return this.generation
  }

  /** caches `key` unless an invalidation happened since `snapshot` was taken */
  set(keyHash: string, key: VerifiedKey, snapshot: number, now: number): void {
    if (snapshot !== this.generation) return
    if (this.entries.size >= this.maxEntries) {
      // Map order is insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(keyHash, { key, cachedAt: now })
  }

  forgetHash(keyHash: string): void {
    this.generation++
    this.entries.delete(keyHash)
  }

  /** after a key is revoked */
  forgetKey(apiKeyId: string): void {
    this.forgetWhere(({ key }) => key.keyId === apiKeyId)
  }

  /** after a person's role, name or email changes, or they are removed */
  forgetUser(userId: string): void {
    this.forgetWhere(({ key }) => key.principal.userId === userId)
  }

  get size(): number {
    return this.entries.size
  }

  private forgetWhere(matches: (entry: Entry) => boolean): void {
    this.generation++
    for (const [hash, entry] of this.entries) if (matches(entry)) this.entries.delete(hash)
  }
}

const caches = new WeakMap<Database, VerifiedKeyCache>()

/** The cache of keys verified against `db`: one per database, shared by every caller in the process. */
export function verifiedKeys(db: Database): VerifiedKeyCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = new VerifiedKeyCache()
    caches.set(db, cache)
  }
  return cache
}
