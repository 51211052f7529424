// The session object's store writes the last use at most once per resolution, yet expires a
// session neither early nor (while it is live) late: checked against an in-memory stand-in for a
// Durable Object's storage, with a clock the test moves. (Under wrangler dev:
// test/integration/mcp-sessions-do-idle-worker.test.ts.)
import type { DurableObjectStorage } from '@cloudflare/workers-types'
import { expect, test } from 'vitest'
import type { McpSession } from '../mcp/session-store'
import { createDurableSessionStore, lastUseResolutionMs, readSessionRecord } from './durable-session-store'

const IDLE_MS = 60_000
const RESOLUTION_MS = lastUseResolutionMs(IDLE_MS)

/** The part of DurableObjectStorage the store uses, counting writes. */
function memoryStorage() {
  const values = new Map<string, unknown>()
  const state = { alarm: null as number | null, writes: 0 }
  const storage = {
    get: async (key: string) => values.get(key),
    put: async (key: string, value: unknown) => {
      state.writes++
      values.set(key, value)
    },
    setAlarm: async (at: number) => {
      state.alarm = at
    },
    deleteAlarm: async () => {
      state.alarm = null
    },
    deleteAll: async () => {
      values.clear()
    },
  }
  return { storage: storage as unknown as DurableObjectStorage, values, state }
}

function setup() {
  const clock = { now: 1_000_000 }
  const { storage, values, state } = memoryStorage()
  const endedElsewhere: string[] = []
  const endElsewhere = async (id: string) => void endedElsewhere.push(id)
  const open = () => createDurableSessionStore(storage, { origin: 'http://127.0.0.1', now: () => clock.now, idleMs: IDLE_MS, perPrincipal: 32, endElsewhere })
  return { clock, storage, values, state, open, endedElsewhere }
}

function session(now: number): McpSession {
  const server = { close: async () => undefined }
  return { id: 's1', ownerId: 'alice', lastSeen: now, seenWrittenAt: now, initialize: {}, server, transport: undefined } as unknown as McpSession
}

test('a use within the resolution writes nothing; a later one writes and moves the alarm', async () => {
  const { clock, state, open } = setup()
  const store = open()
  await store.set(session(clock.now))
  expect(state).toEqual({ alarm: clock.now + IDLE_MS + 1, writes: 1 })
  clock.now += RESOLUTION_MS - 1
  await store.touch('s1')
  expect(state.writes).toBe(1)
  clock.now += 1
  await store.touch('s1')
  expect(state).toEqual({ alarm: clock.now + IDLE_MS + 1, writes: 2 })
})

test('an alarm that fires while the session is live keeps a session used since the last write', async () => {
  const { clock, state, open } = setup()
  const store = open()
  await store.set(session(clock.now))
  clock.now += RESOLUTION_MS / 2
  await store.touch('s1')
  const usedAt = clock.now
  clock.now = state.alarm ?? 0
  expect(await store.expireIfIdle()).toBeUndefined()
  expect(state.alarm).toBe(usedAt + IDLE_MS + 1)
  clock.now = usedAt + IDLE_MS + 1
  expect(await store.expireIfIdle()).toBe('s1')
  expect(await store.get('s1')).toBeUndefined()
})

test('without the live session, the stored use counts as up to one resolution later: never early, then gone', async () => {
  const { clock, storage, values, open } = setup()
  await open().set(session(clock.now))
  const writtenAt = clock.now
  const restarted = open()
  clock.now = writtenAt + IDLE_MS + 1
  expect(await restarted.expireIfIdle()).toBeUndefined()
  expect(await restarted.stored?.('s1')).toMatchObject({ ownerId: 'alice' })
  clock.now = writtenAt + RESOLUTION_MS + IDLE_MS + 1
  expect(await restarted.expireIfIdle()).toBe('s1')
  expect(values.size).toBe(0)
  expect(await readSessionRecord(storage)).toBeUndefined()
})

test('a live session found idle on its next request is forgotten, storage and all', async () => {
  const { clock, values, state, open } = setup()
  const store = open()
  await store.set(session(clock.now))
  clock.now += IDLE_MS + 1
  expect(await store.get('s1')).toBeUndefined()
  expect(values.size).toBe(0)
  expect(state.alarm).toBeNull()
  expect(await store.stored?.('s1')).toBeUndefined()
})

test('deleting another session leaves this one alone and ends the other in its own object', async () => {
  const { clock, state, open, endedElsewhere } = setup()
  const store = open()
  await store.set(session(clock.now))
  await store.delete('s2')
  expect(endedElsewhere).toEqual(['s2'])
  expect(await store.get('s1')).toBeDefined()
  expect(state.alarm).not.toBeNull()
  await store.delete('s1')
  expect(endedElsewhere).toEqual(['s2'])
  expect(state.alarm).toBeNull()
})
