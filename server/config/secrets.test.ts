import { expect, test } from 'vitest'
import { createMemoryKeyFileStore } from './memory-key-files'
import { AUTH_SECRET_FILE, resolveKeyMaterial, SECRET_KEY_FILE } from './secrets'

const AUTH = 'a'.repeat(32)
const KEY = 'b'.repeat(32)

test('uses both env secrets and creates no key file', async () => {
  const store = createMemoryKeyFileStore()
  expect(await resolveKeyMaterial({ betterAuthSecret: AUTH, secretKey: KEY }, store)).toEqual({
    authSecret: AUTH,
    secretKey: KEY,
    generated: [],
  })
  expect(store.files.size).toBe(0)
})

test('falls back to generated key files when neither secret is set', async () => {
  const store = createMemoryKeyFileStore()
  const material = await resolveKeyMaterial({ betterAuthSecret: undefined, secretKey: undefined }, store)
  expect(material.generated).toEqual([AUTH_SECRET_FILE, SECRET_KEY_FILE])
  expect(material.authSecret).toMatch(/^[0-9a-f]{64}$/)
  expect(material.secretKey).toMatch(/^[0-9a-f]{64}$/)
  expect(material.authSecret).not.toBe(material.secretKey)
  expect(store.files.get(AUTH_SECRET_FILE)).toBe(material.authSecret)
  expect(store.files.get(SECRET_KEY_FILE)).toBe(material.secretKey)
})

test('mixes an env secret with a generated key, touching only the missing one', async () => {
  const store = createMemoryKeyFileStore()
  const material = await resolveKeyMaterial({ betterAuthSecret: AUTH, secretKey: undefined }, store)
  expect(material.authSecret).toBe(AUTH)
  expect(material.generated).toEqual([SECRET_KEY_FILE])
  expect([...store.files.keys()]).toEqual([SECRET_KEY_FILE])
})

test('reuses existing key files across boots', async () => {
  const store = createMemoryKeyFileStore({ [SECRET_KEY_FILE]: `${'c'.repeat(64)}\n` })
  const first = await resolveKeyMaterial({ betterAuthSecret: undefined, secretKey: undefined }, store)
  const second = await resolveKeyMaterial({ betterAuthSecret: undefined, secretKey: undefined }, store)
  expect(first.secretKey).toBe('c'.repeat(64))
  expect(second).toEqual(first)
})
