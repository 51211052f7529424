import { expect, test } from 'vitest'
import { createRedactor } from '../openapi/read-response'
import { shapeResult } from './tool-result'

const redactor = createRedactor(['s3cr3t-token'])

test('content passes through with its text joined, structured content kept, secrets redacted', () => {
  const shaped = shapeResult(
    {
      content: [
        { type: 'text', text: 'line one with s3cr3t-token' },
        { type: 'image', mimeType: 'image/png', data: 'AAAA' },
        { type: 'text', text: 'line two' },
      ],
      structuredContent: { token: 's3cr3t-token', n: 1 },
    },
    redactor,
    10_000,
  )
  expect(shaped).toEqual({
    content: [
      { type: 'text', text: 'line one with [redacted]' },
      { type: 'image', mimeType: 'image/png', data: 'AAAA' },
      { type: 'text', text: 'line two' },
    ],
    text: 'line one with [redacted]\nline two',
    structuredContent: { token: '[redacted]', n: 1 },
  })
})

test('a result over the limit is cut: text shortened, binary data left out, and marked truncated', () => {
  const big = 'x'.repeat(5_000)
  const shaped = shapeResult(
    { content: [{ type: 'text', text: big }, { type: 'image', mimeType: 'image/png', data: 'A'.repeat(5_000) }] },
    redactor,
    1_000,
  )
  expect(shaped.truncated).toBe(true)
  expect(JSON.stringify(shaped.content).length).toBeLessThan(1_200)
  expect(shaped.content[1]).toEqual({ type: 'image', mimeType: 'image/png', omitted: 'the data was larger than the response limit' })
})
