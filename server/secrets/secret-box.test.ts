import { describe, expect, test } from 'vitest'
import { encodeBase64url } from './base64url'
import { createSecretBox, sealedKeyId } from './secret-box'
import { SecretError } from './secret-error'

const masterKey = 'a'.repeat(64)
const otherKey = 'an operator-chosen passphrase, 32+ characters long'
const context = 'connection:con_1:apiKey'

async function rejection(promise: Promise<unknown>): Promise<SecretError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SecretError)
  return error as SecretError
}

describe('round trip', () => {
  test.each([
    ['a short token', 'sk_live_51H8x'],
    ['the empty string', ''],
    ['64 KiB of unicode', 'é🔑ж'.repeat(8 * 1024)],
  ])('opens what it sealed: %s', async (_, plaintext) => {
    const box = await createSecretBox(masterKey)
    expect(await box.open(await box.seal(plaintext, context), context)).toBe(plaintext)
  })

  test('a box built again from the same key opens values the first sealed', async () => {
    const stored = await (await createSecretBox(masterKey)).seal('hunter2', context)
    expect(await (await createSecretBox(masterKey)).open(stored, context)).toBe('hunter2')
  })
})

test('two seals of one value differ (a fresh IV each time)', async () => {
  const box = await createSecretBox(masterKey)
  const first = await box.seal('same value', context)
  const second = await box.seal('same value', context)
  expect(first).not.toBe(second)
  expect(first.split('.')[2]).not.toBe(second.split('.')[2])
})

test('the stored form is v1.<keyId>.<iv>.<ciphertext> and holds no trace of the plaintext', async () => {
  const box = await createSecretBox(masterKey)
  const plaintext = 'correct horse battery staple'
  const stored = await box.seal(plaintext, context)
  expect(stored).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
  expect(stored.startsWith(`v1.${box.keyId}.`)).toBe(true)
  expect(sealedKeyId(stored)).toBe(box.keyId)
  const bytes = new TextEncoder().encode(plaintext)
  for (const trace of [plaintext, encodeBase64url(bytes), btoa(plaintext), btoa(plaintext).replace(/=+$/, '')]) {
    expect(stored).not.toContain(trace)
  }
})

test('changing any character of a stored value to any other makes it fail to open', async () => {
  const box = await createSecretBox(masterKey)
  const stored = await box.seal('hunter2', context)
  const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
  const opened: string[] = []
  for (let i = 0; i < stored.length; i++) {
    for (const replacement of characters.replace(stored[i]!, '')) {
      const tampered = stored.slice(0, i) + replacement + stored.slice(i + 1)
      const outcome = await box.open(tampered, context).catch((error: unknown) => error)
      if (!(outcome instanceof SecretError)) opened.push(tampered)
      else expect(outcome.message).not.toContain('hunter2')
    }
  }
  expect(opened).toEqual([])
})

test('flipping the low bit of each ciphertext byte fails as not authentic', async () => {
  const box = await createSecretBox(masterKey)
  const stored = await box.seal('hunter2', context)
  const [version, keyId, iv, body] = stored.split('.')
  const bytes = Uint8Array.from(atob(body!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
  for (let i = 0; i < bytes.length; i++) {
    const flipped = bytes.slice()
    flipped[i]! ^= 1
    const tampered = [version, keyId, iv, encodeBase64url(flipped)].join('.')
    expect((await rejection(box.open(tampered, context))).code).toBe('NOT_AUTHENTIC')
  }
})

test('a value does not open under another context (copied onto another row)', async () => {
  const box = await createSecretBox(masterKey)
  const stored = await box.seal('hunter2', 'connection:con_1:apiKey')
  const error = await rejection(box.open(stored, 'connection:con_2:apiKey'))
  expect(error.code).toBe('NOT_AUTHENTIC')
  expect(error.message).toContain('connection:con_2:apiKey')
  expect(error.message).not.toContain('hunter2')
})

test('a value sealed with another key fails with both key ids and the fix, never the key or plaintext', async () => {
  const old = await createSecretBox(otherKey)
  const current = await createSecretBox(masterKey)
  const stored = await old.seal('hunter2', context)
  const error = await rejection(current.open(stored, context))
  expect(error.code).toBe('WRONG_KEY')
  expect(error.sealedWith).toBe(old.keyId)
  expect(error.message).toBe(
    `this secret was sealed with key ${old.keyId}, not the current key ${current.keyId}: ` +
      'set EXECUTOR_SECRET_KEY_PREVIOUS to the old key so it can be re-encrypted',
  )
  for (const secret of ['hunter2', masterKey, otherKey]) expect(error.message).not.toContain(secret)
})

test('a value that is not sealed at all is refused as malformed', async () => {
  const box = await createSecretBox(masterKey)
  const notSealed = [
    'hunter2',
    '',
    'v1',
    `v2.${box.keyId}.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA`,
    `v1.${box.keyId}.AA.AA`,
    `v1.${box.keyId}.AAAAAAAAAAAAAAAA.AAAA`,
  ]
  for (const stored of notSealed) {
    const error = await rejection(box.open(stored, context))
    expect(error.code).toBe('MALFORMED')
    expect(error.message).not.toContain('hunter2')
  }
})

test('sealing or opening without a context is refused', async () => {
  const box = await createSecretBox(masterKey)
  expect((await rejection(box.seal('hunter2', ''))).code).toBe('MISSING_CONTEXT')
  const stored = await box.seal('hunter2', context)
  expect((await rejection(box.open(stored, ''))).code).toBe('MISSING_CONTEXT')
})

test('a master key shorter than 16 characters is refused without echoing it', async () => {
  const error = await rejection(createSecretBox('too-short-key'))
  expect(error.code).toBe('WEAK_KEY')
  expect(error.message).not.toContain('too-short-key')
})

test('the key id is derived deterministically: same master key, same id; another key, another id', async () => {
  const [a, b, c] = await Promise.all([
    createSecretBox(masterKey),
    createSecretBox(masterKey),
    createSecretBox(otherKey),
  ])
  expect(a.keyId).toMatch(/^[0-9a-f]{8}$/)
  expect(b.keyId).toBe(a.keyId)
  expect(c.keyId).not.toBe(a.keyId)
  expect(masterKey).not.toContain(a.keyId)
})
