import { afterAll, beforeAll, expect, test } from 'vitest'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
beforeAll(async () => {
  server = await startBunServer()
})
afterAll(stopAll)

test('health answers 200 {"status":"ok"} with no caching', async () => {
  const response = await fetch(`${server.url}/api/health`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  expect(response.headers.get('cache-control')).toBe('no-store')
  expect(await response.json()).toEqual({ status: 'ok' })
})

test('every response carries a request id, echoing a well-formed incoming one', async () => {
  const fresh = await fetch(`${server.url}/api/health`)
  expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  const echoed = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'trace-1234abcd' } })
  expect(echoed.headers.get('x-request-id')).toBe('trace-1234abcd')
  const refused = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'bad id with spaces' } })
  expect(refused.headers.get('x-request-id')).not.toBe('bad id with spaces')
})

test('the console is served as HTML with its stylesheet, leading a fresh server to /setup', async () => {
  const response = await fetch(`${server.url}/`, { redirect: 'manual' })
  expect(response.status).toBe(307)
  expect(response.headers.get('location')).toBe('/setup')
  const page = await fetch(`${server.url}/setup`)
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toContain('<h1')
  const css = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1]
  expect(css).toBeDefined()
  const stylesheet = await fetch(`${server.url}${css}`)
  expect(stylesheet.status).toBe(200)
  expect(await stylesheet.text()).toContain('--font-mono')
})

test('logs one JSON line per request with its id, skipping healthy probes', async () => {
  await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'probe-0000001' } })
  await fetch(`${server.url}/api/unknown-thing`, { headers: { 'x-request-id': 'trace-0000002' } })
  await new Promise((r) => setTimeout(r, 100))
  const lines = server.logs().split('\n').filter((line) => line.startsWith('{'))
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  expect(entries.some((e) => e.requestId === 'probe-0000001')).toBe(false)
  expect(entries).toContainEqual(
    expect.objectContaining({ msg: 'request', requestId: 'trace-0000002', status: 404, method: 'GET', path: '/api/unknown-thing' }),
  )
})
