import { expect, test } from 'vitest'
import { createLogger } from '../observability/logger'
import { AppError } from './app-error'
import { handleRequest } from './handle-request'

function setup() {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) })
  return { lines, settings: { log: logger, publicOrigin: 'http://x', originVariable: 'EXECUTOR_WEB_BASE_URL' } }
}

const ok = async () => Response.json({ ok: true })

test('turns an AppError into the JSON envelope with its status and the request id', async () => {
  const { settings } = setup()
  const response = await handleRequest(new Request('http://x/api/things'), settings, async () => {
    throw new AppError('CONFLICT', 'Already exists', { field: 'slug' })
  })
  expect(response.status).toBe(409)
  const requestId = response.headers.get('x-request-id')
  expect(await response.json()).toEqual({ code: 'CONFLICT', message: 'Already exists', requestId, field: 'slug' })
})

test('answers an unexpected error with a generic 500 and logs the stack for the operator only', async () => {
  const { settings, lines } = setup()
  const response = await handleRequest(new Request('http://x/api/things'), settings, async () => {
    throw new Error('secret connection string postgres://u:p@h')
  })
  expect(response.status).toBe(500)
  const text = await response.text()
  expect(text).not.toContain('postgres://')
  expect(text).not.toContain('handle-request')
  expect(lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'unhandled error', stack: expect.any(String) }))
})

test('rejects a malformed JSON body on an API route before the route runs', async () => {
  const { settings } = setup()
  let called = false
  const request = new Request('http://x/api/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })
  const response = await handleRequest(request, settings, async () => {
    called = true
    return ok()
  })
  expect(called).toBe(false)
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^Malformed JSON body/) })
})

test('leaves well-formed, empty and non-JSON bodies and non-API paths to the route, body unread', async () => {
  const { settings } = setup()
  const bodies: [string, string, string][] = [
    ['/api/things', 'application/json', '{"a":1}'],
    ['/api/things', 'application/json', ''],
    ['/api/things', 'text/plain', '{not json'],
    ['/login', 'application/json', '{not json'],
  ]
  for (const [path, type, body] of bodies) {
    const request = new Request(`http://x${path}`, { method: 'POST', headers: { 'content-type': type }, body })
    const response = await handleRequest(request, settings, async (req) => new Response(await req.text()))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(body)
  }
})

test('adds the request id even to responses with immutable headers', async () => {
  const { settings } = setup()
  const frozen = Response.redirect('http://x/elsewhere', 302)
  const response = await handleRequest(new Request('http://x/old'), settings, async () => frozen)
  expect(response.status).toBe(302)
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
})

test('refuses a cross-origin browser request to the auth endpoints with INVALID_ORIGIN', async () => {
  const { settings } = setup()
  const request = new Request('http://x/api/auth/sign-in/email', { method: 'POST', headers: { origin: 'http://evil' } })
  const response = await handleRequest(request, settings, ok)
  expect(response.status).toBe(403)
  expect(await response.json()).toMatchObject({ code: 'INVALID_ORIGIN', message: expect.stringContaining('EXECUTOR_WEB_BASE_URL') })
})

function streamOf(chunks: number, chunkBytes: number) {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(chunkBytes).fill(0x61))
      else controller.close()
    },
  })
}

test('caps a streamed body without Content-Length at the limit: 413 and the route never runs', async () => {
  const { settings } = setup()
  let called = false
  const request = new Request('http://x/api/things', { method: 'POST', body: streamOf(100, 64 * 1024), duplex: 'half' } as RequestInit)
  const response = await handleRequest(request, { ...settings, bodyLimits: { api: 1024 * 1024, mcp: 4 * 1024 * 1024, documents: 50 * 1024 * 1024 } }, async () => {
    called = true
    return ok()
  })
  expect(called).toBe(false)
  expect(response.status).toBe(413)
  expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1 MiB') })
})

test('refuses a declared Content-Length over the limit and gives /mcp its own limit', async () => {
  const { settings } = setup()
  const limits = { bodyLimits: { api: 1024, mcp: 4096, documents: 8192 } }
  const post = (path: string, bytes: number) =>
    handleRequest(new Request(`http://x${path}`, { method: 'POST', body: 'a'.repeat(bytes) }), { ...settings, ...limits }, async (req) => new Response(await req.text()))
  expect((await post('/api/things', 2048)).status).toBe(413)
  expect((await post('/mcp', 2048)).status).toBe(200)
  expect((await post('/mcp', 8192)).status).toBe(413)
  const passed = await post('/api/things', 1024)
  expect(await passed.text()).toBe('a'.repeat(1024))
})

test('adds a Server-Timing header only when the switch is on', async () => {
  const { settings } = setup()
  const plain = await handleRequest(new Request('http://x/api/things'), settings, ok)
  expect(plain.headers.get('server-timing')).toBeNull()
  const timed = await handleRequest(new Request('http://x/api/things'), { ...settings, serverTiming: true }, async (_request, { timing }) => {
    timing?.add('auth', 0.25)
    return Response.json({ ok: true })
  })
  expect(timed.headers.get('server-timing')).toMatch(/^auth;dur=0\.250, route;dur=-?[\d.]+, total;dur=[\d.]+$/)
})
