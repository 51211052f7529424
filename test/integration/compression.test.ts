// The container sends HTML, JS and CSS compressed as the client accepts (brotli or gzip): hashed
// assets from build-time copies with a year of immutable caching, pages compressed per request
// and revalidated on every load.
import { readFileSync } from 'node:fs'
import { get, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { claimOwner } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** A GET that keeps the body as sent (fetch would decode it). */
function rawGet(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

const decode = (raw: Raw) =>
  raw.headers['content-encoding'] === 'br' ? brotliDecompressSync(raw.body) : raw.headers['content-encoding'] === 'gzip' ? gunzipSync(raw.body) : raw.body

let server: BunServer
let html: string
beforeAll(async () => {
  server = await startBunServer()
  await claimOwner(server.url)
  html = (await rawGet(`${server.url}/login`)).body.toString()
})
afterAll(stopAll)

const assetOf = (pattern: RegExp) => {
  const path = html.match(pattern)?.[1]
  if (!path) throw new Error(`no ${pattern} in /login:\n${html}`)
  return path
}

test.each(['br', 'gzip'])('the /login page is sent with %s and revalidated on every load', async (encoding) => {
  const raw = await rawGet(`${server.url}/login`, `${encoding}, identity`)
  expect(raw.status).toBe(200)
  expect(raw.headers['content-encoding']).toBe(encoding)
  expect(raw.headers.vary).toMatch(/accept-encoding/i)
  expect(raw.headers['cache-control']).toBe('private, no-cache')
  expect(raw.body.length).toBeLessThan(html.length / 2)
  expect(decode(raw).toString()).toContain('<html')
})

test('a client that asks for no encoding gets plain HTML', async () => {
  const raw = await rawGet(`${server.url}/login`)
  expect(raw.headers['content-encoding']).toBeUndefined()
  expect(raw.body.toString()).toContain('<html')
})

test.each([
  ['script', /<script[^>]+src="(\/assets\/[^"]+\.js)"/],
  ['stylesheet', /<link[^>]+href="(\/assets\/[^"]+\.css)"/],
])('the page\'s %s is sent compressed with a year of immutable caching', async (_kind, pattern) => {
  const path = assetOf(pattern)
  const original = readFileSync(join(repoRoot, '.output/public', path))
  for (const encoding of ['br', 'gzip']) {
    const raw = await rawGet(`${server.url}${path}`, `${encoding}`)
    expect(raw.status).toBe(200)
    expect(raw.headers['content-encoding']).toBe(encoding)
    expect(raw.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(raw.headers.vary).toMatch(/accept-encoding/i)
    expect(raw.body.length).toBeLessThan(original.length)
    expect(decode(raw).equals(original)).toBe(true)
  }
})

test('JSON API answers are left as they are', async () => {
  const raw = await rawGet(`${server.url}/api/setup-status`, 'br, gzip')
  expect(raw.headers['content-encoding']).toBeUndefined()
  expect(JSON.parse(raw.body.toString())).toMatchObject({ needsSetup: false })
})
