// Request body caps: a body over the limit is refused with 413 before it is buffered, whether
// its size is declared (Content-Length) or only discovered while it streams in (chunked).
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

const MiB = 1024 * 1024
let server: BunServer
beforeAll(async () => {
  server = await startBunServer()
})
afterAll(stopAll)

type Answer = { status: number; body: Record<string, unknown>; sentBytes: number; ms: number }

/**
 * POSTs `total` bytes of a JSON string body in 64 KiB chunks, declared up front or chunked, and
 * stops sending as soon as the server answers (or after `total`). `stallAfter` sends only that
 * much and then waits: the answer must come without the rest of the body.
 */
function post(path: string, total: number, options: { declare?: boolean; stallAfter?: number; headers?: Record<string, string> } = {}): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    let sentBytes = 0
    let answered = false
    const req = httpRequest(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: server.url,
        ...(options.declare ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
        ...options.headers,
      },
    })
    req.on('response', (response) => {
      answered = true
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString()))
      response.on('end', () => {
        req.destroy()
        resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, sentBytes, ms: performance.now() - started })
      })
    })
    // The server may close the connection after answering while we are still writing.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    // The body is one JSON string, `total` bytes long: a quote, letters, a quote.
    const limit = options.stallAfter ?? total
    const pump = () => {
      while (!answered && !req.destroyed && sentBytes < limit) {
        const piece = Buffer.alloc(Math.min(64 * 1024, limit - sentBytes), 'a')
        if (sentBytes === 0) piece[0] = 0x22
        if (sentBytes + piece.length === total) piece[piece.length - 1] = 0x22
        sentBytes += piece.length
        if (!req.write(piece)) return void req.once('drain', pump)
      }
      if (!answered && !req.destroyed && options.stallAfter === undefined) req.end()
    }
    pump()
  })
}

test('a 2 MiB JSON body to an API route is refused with 413 before any route or sign-in check', async () => {
  const answer = await post('/api/executions', 2 * MiB, { declare: true })
  expect(answer.status).toBe(413)
  expect(answer.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1 MiB'), requestId: expect.any(String) })
  expect(answer.ms).toBeLessThan(2_000)
})

test('an oversized Content-Length is refused without waiting for the body', async () => {
  const answer = await post('/api/executions', 2 * MiB, { declare: true, stallAfter: 1024 })
  expect(answer.status).toBe(413)
  expect(answer.sentBytes).toBe(1024)
})

test('a chunked body with no Content-Length is cut off at the limit', async () => {
  const answer = await post('/api/auth/sign-in/email', 8 * MiB, { stallAfter: 1 * MiB + 128 * 1024 })
  expect(answer.status).toBe(413)
  expect(answer.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
})

test('/mcp has its own, larger limit: 5 MiB is refused, 3 MiB reaches the MCP handler', async () => {
  const tooBig = await post('/mcp', 5 * MiB, { declare: true })
  expect(tooBig.status).toBe(413)
  expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('4 MiB') })
  // Unauthenticated, so the handler answers 401: the body itself was let through.
  expect((await post('/mcp', 3 * MiB, { declare: true })).status).toBe(401)
})

test('a body under the limit still reaches the route intact', async () => {
  const answer = await post('/api/executions', 512 * 1024, { declare: true })
  expect(answer.status).toBe(401)
})

test('four 16 MiB chunked bodies are each cut off at the limit, so server memory barely grows', async () => {
  const pid = server.proc.child.pid
  if (pid === undefined) throw new Error('no server pid')
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
  const before = rss()
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) statuses.push((await post('/api/executions', 16 * MiB)).status)
  expect(rss() - before).toBeLessThan(32 * MiB)
  expect(statuses).toEqual([413, 413, 413, 413])
})
