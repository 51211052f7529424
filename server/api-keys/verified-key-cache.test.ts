import { expect, test } from 'vitest'
import type { Principal } from '../auth/principal'
import { VerifiedKeyCache, verifiedKeys, type VerifiedKey } from './verified-key-cache'
import type { Database } from '~/db/database'

function key(keyId: string, userId: string, expiresAt: number | null = null): VerifiedKey {
  const principal: Principal = { userId, name: userId, email: `${userId}@example.com`, role: 'member', via: 'api_key', apiKeyId: keyId }
  return { keyId, principal, expiresAt, lastUsedAt: null }
}

test('returns a cached key until the TTL passes', () => {
  const cache = new VerifiedKeyCache(1_000)
  const k = key('key_a', 'u1')
  cache.set('hash-a', k, cache.snapshot(), 0)
  expect(cache.get('hash-a', 999)).toBe(k)
  expect(cache.get('hash-a', 1_000)).toBeUndefined()
  expect(cache.size).toBe(0)
})

test('forgetKey drops that key only; forgetUser drops every key of that person', () => {
  const cache = new VerifiedKeyCache()
  cache.set('a1', key('key_a1', 'alice'), cache.snapshot(), 0)
  cache.set('a2', key('key_a2', 'alice'), cache.snapshot(), 0)
  cache.set('b1', key('key_b1', 'bob'), cache.snapshot(), 0)
  cache.forgetKey('key_a1')
  expect(cache.get('a1', 1)).toBeUndefined()
  expect(cache.get('a2', 1)).toBeDefined()
  cache.forgetUser('alice')
  expect(cache.get('a2', 1)).toBeUndefined()
  expect(cache.get('b1', 1)?.principal.userId).toBe('bob')
})

test('a lookup that read its row before an invalidation does not cache it', () => {
  const cache = new VerifiedKeyCache()
  const before = cache.snapshot()
  // ...the row is read here; meanwhile the key is revoked...
  cache.forgetKey('key_a')
  cache.set('hash-a', key('key_a', 'alice'), before, 0)
  expect(cache.get('hash-a', 1)).toBeUndefined()
  // a lookup that starts after the revocation caches again
  cache.set('hash-a', key('key_a', 'alice'), cache.snapshot(), 0)
  expect(cache.get('hash-a', 1)).toBeDefined()
})

test('holds at most maxEntries, dropping the oldest', () => {
  const cache = new VerifiedKeyCache(60_000, 2)
  for (const name of ['a', 'b', 'c']) cache.set(name, key(`key_${name}`, name), cache.snapshot(), 0)
  expect(cache.size).toBe(2)
  expect(cache.get('a', 1)).toBeUndefined()
  expect(cache.get('c', 1)).toBeDefined()
})

test('one cache per database object', () => {
  const one = {} as Database
  const two = {} as Database
  expect(verifiedKeys(one)).toBe(verifiedKeys(one))
  expect(verifiedKeys(one)).not.toBe(verifiedKeys(two))
})
