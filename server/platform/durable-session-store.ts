// The MCP session store inside one session's Durable Object: the live server and transport are
// in memory (a memory store of one), and what rebuilds them, with when the session was last used,
// is in the object's storage, so the session outlives an eviction or a restart. Idle expiry is
// the object's alarm, moved to `last used + idle timeout` on every use.
import type { DurableObjectStorage } from '@cloudflare/workers-types'
import { createMemorySessionStore, DEFAULT_SESSION_LIMITS, type McpSessionStore, type StoredSession } from '../mcp/session-store'

/** The one record in a session object's storage. */
export type SessionRecord = StoredSession & {
  id: string
  lastSeen: number
  /** the origin the session was opened on, to boot the platform when the alarm fires without a request */
  origin: string
}

const RECORD_KEY = 'session'

export function readSessionRecord(storage: DurableObjectStorage): Promise<SessionRecord | undefined> {
  return storage.get<SessionRecord>(RECORD_KEY)
}

export function createDurableSessionStore(storage: DurableObjectStorage, options: { origin: string; now: () => number; idleMs?: number }): McpSessionStore {
  const idleMs = options.idleMs ?? DEFAULT_SESSION_LIMITS.idleMs
  const { now } = options
  const live = createMemorySessionStore({ now, idleMs, perPrincipal: 1, total: 1 })

  async function saveUse(record: SessionRecord) {
    await storage.put(RECORD_KEY, record)
    await storage.setAlarm(record.lastSeen + idleMs)
  }

  async function forget() {
    await storage.deleteAlarm()
    await storage.deleteAll()
  }

  return {
    idleMs,
    get: (id) => live.get(id),
    async set(session) {
      await live.set(session)
      const toolkitId = session.toolkit?.current.id
      await saveUse({ id: session.id, ownerId: session.ownerId, toolkitId, initialize: session.initialize, lastSeen: session.lastSeen, origin: options.origin })
    },
    async touch(id) {
      await live.touch(id)
      const record = await readSessionRecord(storage)
      if (record?.id === id) await saveUse({ ...record, lastSeen: now() })
    },
    async delete(id) {
      await live.delete(id)
      const record = await readSessionRecord(storage)
      if (record?.id === id) await forget()
    },
    evictIdle: () => live.evictIdle(),
    close: () => live.close(),
    async stored(id) {
      const record = await readSessionRecord(storage)
      if (record?.id !== id) return undefined
      if (now() - record.lastSeen > idleMs) {
        await forget()
        return undefined
      }
      return { ownerId: record.ownerId, toolkitId: record.toolkitId, initialize: record.initialize }
    },
  }
}
