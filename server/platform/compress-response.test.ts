import { gunzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { compressResponse, pickEncoding } from './compress-response'

test.each([
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0.5, gzip;q=0.8', 'gzip'],
  ['br;q=0, gzip', 'gzip'],
  ['*', 'br'],
  ['*;q=0.1, gzip;q=0', 'br'],
  ['identity', undefined],
  ['gzip;q=0', undefined],
  ['', undefined],
] as const)('Accept-Encoding %j → %s', (header, expected) => {
  expect(pickEncoding(header, true)).toBe(expected)
})

test('without brotli support the choice is gzip or nothing', () => {
  expect(pickEncoding('br', false)).toBeUndefined()
  expect(pickEncoding('br, gzip', false)).toBe('gzip')
})

const page = '<!doctype html><html><body>' + 'x'.repeat(4000) + '</body></html>'
const get = (headers: Record<string, string> = {}) => new Request('http://127.0.0.1/login', { headers })

test('HTML is compressed for a client that accepts it, and may be kept only privately after revalidating', async () => {
  const response = compressResponse(get({ 'accept-encoding': 'gzip' }), new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } }))
  expect(response.headers.get('content-encoding')).toBe('gzip')
  expect(response.headers.get('vary')).toBe('Accept-Encoding')
  expect(response.headers.get('cache-control')).toBe('private, no-cache')
  expect(response.headers.get('content-length')).toBeNull()
  expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(page)
})

test('a client that accepts no encoding gets the page as it was', async () => {
  const response = compressResponse(get(), new Response(page, { headers: { 'content-type': 'text/html' } }))
  expect(response.headers.get('content-encoding')).toBeNull()
  expect(response.headers.get('vary')).toBe('Accept-Encoding')
  expect(await response.text()).toBe(page)
})

test('JSON, event streams, small, already encoded and no-transform responses pass through untouched', async () => {
  const accept = get({ 'accept-encoding': 'gzip' })
  const cases = [
    new Response(JSON.stringify({ page }), { headers: { 'content-type': 'application/json' } }),
    new Response(page, { headers: { 'content-type': 'text/event-stream' } }),
    new Response('<p>hi</p>', { headers: { 'content-type': 'text/css', 'content-length': '9' } }),
    new Response(page, { headers: { 'content-type': 'text/javascript', 'content-encoding': 'br' } }),
    new Response(page, { headers: { 'content-type': 'text/html', 'cache-control': 'no-transform' } }),
  ]
  for (const original of cases) {
    const response = compressResponse(accept, original)
    expect(response).toBe(original)
  }
})

test('HEAD and 304 responses are never encoded; an HTML cache policy already set is kept', () => {
  const html = { 'content-type': 'text/html', 'cache-control': 'no-store' }
  const head = compressResponse(new Request('http://127.0.0.1/', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } }), new Response(null, { headers: html }))
  expect(head.headers.get('content-encoding')).toBeNull()
  expect(head.headers.get('cache-control')).toBe('no-store')
  const notModified = compressResponse(get({ 'accept-encoding': 'gzip' }), new Response(null, { status: 304, headers: html }))
  expect(notModified.headers.get('content-encoding')).toBeNull()
})
