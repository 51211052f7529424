import { expect, test } from 'vitest'
import { plainText } from './plain-text'

test('Markdown in API descriptions reads as plain text', () => {
  expect(plainText('Find out more about Swagger at [https://swagger.io](https://swagger.io).')).toBe('Find out more about Swagger at https://swagger.io.')
  expect(plainText('See [the guide](https://example.com/guide "Guide") and [](https://example.com/x).')).toBe('See the guide and https://example.com/x.')
  expect(plainText('# Petstore\nA **sample** server using `application/json`, __really__.')).toBe('Petstore\nA sample server using application/json, really.')
  expect(plainText('2 * 3 * 4 and a_b_c stay as written; so does <b>markup</b>.')).toBe('2 * 3 * 4 and a_b_c stay as written; so does <b>markup</b>.')
})
