import { expect, test } from 'vitest'
import { rotateAll, reseal } from './rotation'
import { createSecretBox, sealedKeyId } from './secret-box'
import { SecretError } from './secret-error'

const oldKey = 'the key the data dir started with, 64 hex chars or so'
const newKey = 'the key the operator rotated to, also long enough'
const strayKey = 'a key nobody configured any more, long enough too'

async function boxes() {
  const [previous, current, stray] = await Promise.all([
    createSecretBox(oldKey),
    createSecretBox(newKey),
    createSecretBox(strayKey),
  ])
  return { previous, current, stray }
}

test('reseal moves a value from the previous key to the current key, keeping its plaintext', async () => {
  const { previous, current } = await boxes()
  const stored = await previous.seal('hunter2', 'connection:c1:password')
  const moved = await reseal(stored, 'connection:c1:password', { current, previous })
  expect(moved).toBeDefined()
  expect(sealedKeyId(moved!)).toBe(current.keyId)
  expect(await current.open(moved!, 'connection:c1:password')).toBe('hunter2')
})

test('reseal leaves a value already under the current key alone', async () => {
  const { previous, current } = await boxes()
  const stored = await current.seal('hunter2', 'connection:c1:password')
  expect(await reseal(stored, 'connection:c1:password', { current, previous })).toBeUndefined()
  expect(await reseal(stored, 'connection:c1:password', { current })).toBeUndefined()
})

test('reseal keeps the context binding: a previous-key value moved to another context fails', async () => {
  const { previous, current } = await boxes()
  const stored = await previous.seal('hunter2', 'connection:c1:password')
  const error = await reseal(stored, 'connection:c2:password', { current, previous }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(SecretError)
  expect((error as SecretError).code).toBe('NOT_AUTHENTIC')
})

test('a value under neither key fails loudly, naming all three key ids', async () => {
  const { previous, current, stray } = await boxes()
  const stored = await stray.seal('hunter2', 'connection:c1:password')
  const error = await reseal(stored, 'connection:c1:password', { current, previous }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(SecretError)
  const { code, message, sealedWith } = error as SecretError
  expect(code).toBe('UNKNOWN_KEY')
  expect(sealedWith).toBe(stray.keyId)
  for (const id of [stray.keyId, current.keyId, previous.keyId]) expect(message).toContain(id)
  expect(message).toContain('EXECUTOR_SECRET_KEY_PREVIOUS')
  for (const secret of ['hunter2', oldKey, newKey, strayKey]) expect(message).not.toContain(secret)
})

test('a previous-key value with no previous key configured fails loudly', async () => {
  const { previous, current } = await boxes()
  const stored = await previous.seal('hunter2', 'connection:c1:password')
  const error = await reseal(stored, 'connection:c1:password', { current }).catch((e: unknown) => e)
  expect((error as SecretError).code).toBe('UNKNOWN_KEY')
  expect((error as SecretError).message).toContain('none is set')
})

test('a value that is not sealed is refused as malformed', async () => {
  const { previous, current } = await boxes()
  const error = await reseal('hunter2', 'connection:c1:password', { current, previous }).catch((e: unknown) => e)
  expect((error as SecretError).code).toBe('MALFORMED')
  expect((error as SecretError).message).not.toContain('hunter2')
})

test('rotateAll re-seals only the previous-key values, and a second run finds nothing to do', async () => {
  const { previous, current } = await boxes()
  const rows = [
    { id: 1, context: 'connection:1:apiKey', stored: await previous.seal('one', 'connection:1:apiKey') },
    { id: 2, context: 'connection:2:apiKey', stored: await current.seal('two', 'connection:2:apiKey') },
    { id: 3, context: 'connection:3:token', stored: await previous.seal('three', 'connection:3:token') },
  ]
  const first = await rotateAll(rows, { current, previous })
  expect(first.count).toBe(2)
  expect(first.resealed.map((r) => r.id)).toEqual([1, 3])

  // What the connections transaction will do: write each resealed value back to its row.
  const moved = new Map(first.resealed.map((r) => [r.id, r.stored]))
  const written = rows.map((row) => ({ ...row, stored: moved.get(row.id) ?? row.stored }))
  const plaintexts = await Promise.all(written.map((row) => current.open(row.stored, row.context)))
  expect(plaintexts).toEqual(['one', 'two', 'three'])

  const second = await rotateAll(written, { current, previous })
  expect(second).toEqual({ resealed: [], count: 0 })
})

test('rotateAll stops on a value under neither key and returns nothing to write', async () => {
  const { previous, current, stray } = await boxes()
  const rows = [
    { id: 'a', context: 'connection:a:apiKey', stored: await previous.seal('one', 'connection:a:apiKey') },
    { id: 'b', context: 'connection:b:apiKey', stored: await stray.seal('two', 'connection:b:apiKey') },
  ]
  const error = await rotateAll(rows, { current, previous }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(SecretError)
  expect((error as SecretError).code).toBe('UNKNOWN_KEY')
  expect((error as SecretError).message).toContain('connection:b:apiKey')
})
