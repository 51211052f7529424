import { expect, test } from 'vitest'
import { decodeBase64url, encodeBase64url } from './base64url'

test('encodes like the standard base64url alphabet without padding, and decodes back', () => {
  for (let length = 0; length <= 40; length++) {
    const bytes = crypto.getRandomValues(new Uint8Array(length))
    const encoded = encodeBase64url(bytes)
    expect(encoded).toBe(Buffer.from(bytes).toString('base64url'))
    expect(decodeBase64url(encoded)).toEqual(bytes)
  }
})

test('refuses strings that are not the canonical encoding of their bytes', () => {
  expect(decodeBase64url('AB')).toBeUndefined() // "AA" is the canonical form of that byte
  expect(decodeBase64url('AAA=')).toBeUndefined()
  expect(decodeBase64url('AA+/')).toBeUndefined()
  expect(decodeBase64url('AAAAA')).toBeUndefined()
  expect(decodeBase64url('AA')).toEqual(new Uint8Array([0]))
})
