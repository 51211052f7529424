// verifyApiKey against a real libSQL file: the cache answers repeat uses, and expiry and
// revocation are still enforced on every use.
import { expect, test } from 'vitest'
import type { Database } from '~/db/database'
import { member, organization, user } from '~/db/schema'
import { tempDatabase } from '../../test/temp-db'
import type { Principal } from '../auth/principal'
import { createApiKey, revokeApiKey, verifyApiKey } from './api-keys'
import { VERIFIED_KEY_TTL_MS } from './verified-key-cache'

const DAY_MS = 24 * 60 * 60 * 1000
const T0 = Date.UTC(2030, 0, 1)
const alice: Principal = { userId: 'u_alice', name: 'Alice', email: 'alice@example.com', role: 'member', via: 'session' }

/** A database where Alice is a member. */
async function withAlice() {
  const database = await tempDatabase()
  const at = new Date(T0)
  const db: Database = database.db
  await db.insert(organization).values({ id: 'org', name: 'Org', slug: 'org', createdAt: at, updatedAt: at })
  await db.insert(user).values({ id: alice.userId, name: alice.name, email: alice.email, createdAt: at, updatedAt: at })
  await db.insert(member).values({ userId: alice.userId, organizationId: 'org', role: 'member', createdAt: at })
  return database
}

test('a cached key is refused once its expiry passes', async () => {
  const database = await withAlice()
  const { key } = await createApiKey(database.db, alice, { name: 'short', expiresInDays: 1 }, T0)
  expect((await verifyApiKey(database.db, key, T0)).userId).toBe(alice.userId)
  // still inside the cache TTL, one millisecond before and at the expiry time
  const expiry = T0 + DAY_MS
  const cached = await verifyApiKey(database.db, key, T0 + 1)
  expect(cached.role).toBe('member')
  await expect(verifyApiKey(database.db, key, expiry)).rejects.toThrow('API key has expired')
})

test('repeat uses within the TTL are answered without reading the row; revocation is seen at once', async () => {
  const database = await withAlice()
  const { apiKey: view, key } = await createApiKey(database.db, alice, { name: 'cached' }, T0)
  await verifyApiKey(database.db, key, T0)
  // A change made behind the server's back (another process) is not seen until the TTL passes...
  await database.client.execute({ sql: "UPDATE member SET role = 'admin' WHERE user_id = ?", args: [alice.userId] })
  expect((await verifyApiKey(database.db, key, T0 + 1)).role).toBe('member')
  expect((await verifyApiKey(database.db, key, T0 + VERIFIED_KEY_TTL_MS)).role).toBe('admin')
  // ...while revoking through our code path is.
  await revokeApiKey(database.db, alice, view.id, T0 + VERIFIED_KEY_TTL_MS + 1)
  await expect(verifyApiKey(database.db, key, T0 + VERIFIED_KEY_TTL_MS + 2)).rejects.toThrow('API key is invalid or revoked')
})

test('last use is written at most once a minute', async () => {
  const database = await withAlice()
  const { apiKey: view, key } = await createApiKey(database.db, alice, { name: 'throttled' }, T0)
  const lastUsed = async () =>
    (await database.client.execute({ sql: 'SELECT last_used_at FROM api_key WHERE id = ?', args: [view.id] })).rows[0]?.last_used_at
  await verifyApiKey(database.db, key, T0 + 1_000)
  const first = await lastUsed()
  expect(first).not.toBeNull()
  await verifyApiKey(database.db, key, T0 + 30_000)
  expect(await lastUsed()).toBe(first)
  await verifyApiKey(database.db, key, T0 + 61_001)
  expect(await lastUsed()).not.toBe(first)
})
