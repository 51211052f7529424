import { expect, test } from 'vitest'
import { createKeyRing } from './key-ring'
import { createSecretBox } from './secret-box'

const CURRENT = 'current-master-key-0123456789abcdef'
const PREVIOUS = 'previous-master-key-0123456789abcdef'

test('seals under the current key and opens values sealed under either key', async () => {
  const ring = await createKeyRing(CURRENT, PREVIOUS)
  const current = await createSecretBox(CURRENT)
  const previous = await createSecretBox(PREVIOUS)
  const sealed = await ring.seal('s3cret', 'connection:c1')
  expect(sealed.split('.')[1]).toBe(current.keyId)
  expect(await current.open(sealed, 'connection:c1')).toBe('s3cret')
  expect(await ring.open(await previous.seal('old one', 'connection:c2'), 'connection:c2')).toBe('old one')
  await expect(ring.open(await previous.seal('old one', 'connection:c2'), 'connection:c3')).rejects.toThrow()
})

test('without a previous key it is the current box', async () => {
  const ring = await createKeyRing(CURRENT)
  const previous = await createSecretBox(PREVIOUS)
  await expect(ring.open(await previous.seal('x', 'c'), 'c')).rejects.toThrow()
})
