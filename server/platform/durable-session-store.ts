// The MCP session store inside one session's Durable Object: the live server and transport are
// in memory (the object holds one session), and what rebuilds them, with when the session was
// last used, is in the object's storage, so the session outlives an eviction or a restart.
//
// Idle expiry is the object's alarm. Writing the last use and moving the alarm on every request
// would make each MCP call a storage write, so the stored last use is refreshed at most once per
// `lastUseResolutionMs` (a minute, less for short timeouts). The live session keeps the exact time:
// an alarm that fires while it is live moves itself to `last use + idle timeout`. Without the live
// session (evicted, restarted), the true last use is at most one resolution after the stored one,
// so the session is kept until `stored + resolution + idle timeout`: late by under a minute at
// worst, never early.
import type { DurableObjectStorage } from '@cloudflare/workers-types'
import { LAST_SEEN_RESOLUTION_MS } from '../mcp/client-sessions'
import type { McpSession, McpSessionStore, StoredSession } from '../mcp/session-store'

/** The one record in a session object's storage. */
export type SessionRecord = StoredSession & {
  id: string
  /** the session's last use as last written (see lastUseResolutionMs) */
  lastSeen: number
  /** the origin the session was opened on, to boot the platform when the alarm fires without a request */
  origin: string
}

export type DurableSessionStore = McpSessionStore & {
  /** For the object's alarm: forgets the session if it is idle past the timeout (returning its id), else moves the alarm. */
  expireIfIdle(): Promise<string | undefined>
}

const RECORD_KEY = 'session'

/** How often at most a session's stored last use is rewritten: a minute, or a tenth of a shorter idle timeout. */
export function lastUseResolutionMs(idleMs: number): number {
  return Math.min(LAST_SEEN_RESOLUTION_MS, Math.ceil(idleMs / 10))
}

export function readSessionRecord(storage: DurableObjectStorage): Promise<SessionRecord | undefined> {
  return storage.get<SessionRecord>(RECORD_KEY)
}

export type DurableSessionStoreOptions = {
  origin: string
  now: () => number
  idleMs: number
  perPrincipal: number
  /** ends another session, held by its own object (the per-principal cap ends the least recently used) */
  endElsewhere: (id: string) => Promise<void>
}

export function createDurableSessionStore(storage: DurableObjectStorage, options: DurableSessionStoreOptions): DurableSessionStore {
  const { now, idleMs } = options
  const resolutionMs = lastUseResolutionMs(idleMs)
  let live: McpSession | undefined

  const isIdle = (lastUse: number) => now() - lastUse > idleMs
  /** The latest the session can have been used: exact while live, else bounded by the stored time. */
  const lastUseOf = (record: SessionRecord) => (live?.id === record.id ? live.lastSeen : record.lastSeen + resolutionMs)

  async function save(record: SessionRecord) {
    await storage.put(RECORD_KEY, record)
    await storage.setAlarm(record.lastSeen + idleMs + 1)
  }

  async function closeLive() {
    const session = live
    live = undefined
    await session?.server.close().catch(() => undefined)
  }

  async function forget() {
    await closeLive()
    await storage.deleteAlarm()
    await storage.deleteAll()
  }

  const store: DurableSessionStore = {
    idleMs,
    perPrincipal: options.perPrincipal,
    capsThroughRecords: true,
    async get(id) {
      if (live?.id !== id) return undefined
      if (!isIdle(live.lastSeen)) return live
      await forget()
      return undefined
    },
    async set(session) {
      if (live && live.id !== session.id) await closeLive()
      live = session
      const toolkitId = session.toolkit?.current.id
      await save({ id: session.id, ownerId: session.ownerId, toolkitId, initialize: session.initialize, lastSeen: session.lastSeen, origin: options.origin })
    },
    async touch(id) {
      if (live?.id !== id) return
      live.lastSeen = now()
      const record = await readSessionRecord(storage)
      if (record?.id === id && live.lastSeen - record.lastSeen >= resolutionMs) await save({ ...record, lastSeen: live.lastSeen })
    },
    async delete(id) {
      const record = await readSessionRecord(storage)
      if (live?.id !== id && record?.id !== id) return options.endElsewhere(id)
      if (live?.id === id) await closeLive()
      if (record?.id === id) await forget()
    },
    async evictIdle() {
      if (!live || !isIdle(live.lastSeen)) return 0
      await forget()
      return 1
    },
    close: closeLive,
    async stored(id) {
      const record = await readSessionRecord(storage)
      if (record?.id !== id) return undefined
      if (isIdle(lastUseOf(record))) {
        await forget()
        return undefined
      }
      return { ownerId: record.ownerId, toolkitId: record.toolkitId, initialize: record.initialize }
    },
    async expireIfIdle() {
      const record = await readSessionRecord(storage)
      if (!record) return undefined
      const lastUse = lastUseOf(record)
      if (!isIdle(lastUse)) {
        await storage.setAlarm(lastUse + idleMs + 1)
        return undefined
      }
      await forget()
      return record.id
    },
  }
  return store
}
