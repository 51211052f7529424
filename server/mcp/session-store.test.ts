import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { afterEach, expect, test, vi } from 'vitest'
import { createMemorySessionStore, type McpSession } from './session-store'

afterEach(() => {
  vi.useRealTimers()
})

function session(id: string, ownerId = 'u1', lastSeen = Date.now()): McpSession & { closed: () => boolean } {
  const server = new McpServer({ name: 't', version: '1' })
  let closed = false
  const close = server.close.bind(server)
  server.close = async () => {
    closed = true
    await close()
  }
  return {
    id,
    ownerId,
    transport: new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => id }),
    server,
    lastSeen,
    seenWrittenAt: lastSeen,
    initialize: undefined,
    closed: () => closed,
  }
}

test('a session idle past the timeout is closed and missing on its next lookup', async () => {
  let clock = 1_000
  const store = createMemorySessionStore({ idleMs: 500, now: () => clock })
  const old = session('old', 'u1', clock)
  await store.set(old)
  clock += 400
  expect(await store.get('old')).toBe(old)
  await store.touch('old')
  clock += 400
  expect(await store.get('old')).toBe(old)
  clock += 501
  expect(await store.get('old')).toBeUndefined()
  expect(old.closed()).toBe(true)
  await store.close()
})

test('the sweep timer closes idle sessions without any lookup, and stops when none are left', async () => {
  vi.useFakeTimers()
  const store = createMemorySessionStore({ idleMs: 1_000, now: () => Date.now() })
  const idle = session('idle')
  await store.set(idle)
  expect(vi.getTimerCount()).toBe(1)
  await vi.advanceTimersByTimeAsync(1_600)
  expect(idle.closed()).toBe(true)
  expect(vi.getTimerCount()).toBe(0)
  await store.close()
})

test('a principal over its cap loses its least recently used session first', async () => {
  let clock = 0
  const store = createMemorySessionStore({ perPrincipal: 2, now: () => ++clock })
  const [a, b, c, other] = [session('a', 'u1', 0), session('b', 'u1', 0), session('c', 'u1', 0), session('x', 'u2', 0)]
  await store.set(a)
  await store.set(other)
  await store.set(b)
  await store.touch('a')
  await store.set(c)
  expect(b.closed()).toBe(true)
  expect(await store.get('b')).toBeUndefined()
  expect(await store.get('a')).toBe(a)
  expect(await store.get('c')).toBe(c)
  expect(await store.get('x')).toBe(other)
  await store.close()
})

test('the total cap closes the least recently used session of anyone', async () => {
  const store = createMemorySessionStore({ total: 2, now: () => 0 })
  const [a, b, c] = [session('a', 'u1', 0), session('b', 'u2', 0), session('c', 'u3', 0)]
  await store.set(a)
  await store.set(b)
  await store.touch('a')
  await store.set(c)
  expect(b.closed()).toBe(true)
  expect(await store.get('a')).toBe(a)
  expect(await store.get('c')).toBe(c)
  await store.delete('c')
  expect(c.closed()).toBe(true)
  expect(await store.get('c')).toBeUndefined()
  await store.close()
  expect(a.closed()).toBe(true)
})
