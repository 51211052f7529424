// Upstream MCP sessions kept open between tool calls, one per connection of an integration, so a
// program calling a server ten times initializes once. Process-level and bounded: the least
// recently used session is closed when the pool is full, and an idle one after IDLE_MS. A session
// opened with another URL or credential (an admin changed them) is replaced, not reused.
import type { McpSession } from './open-session'

type Entry = {
  /** the URL and credential secrets it was opened with */
  fingerprint: string
  session: Promise<McpSession>
  lastUsed: number
  idleTimer?: ReturnType<typeof setTimeout>
}

export type SessionPool = {
  /** the pooled session for `key`, or a new one from `open` */
  acquire(key: string, fingerprint: string, open: () => Promise<McpSession>): Promise<McpSession>
  /** closes and forgets `session` (the server forgot it, or it broke) */
  discard(key: string, session: McpSession): Promise<void>
  /** closes every session (tests, shutdown) */
  closeAll(): Promise<void>
  readonly size: number
}

export function createSessionPool(options: { maxSessions: number; idleMs: number; now?: () => number }): SessionPool {
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  const drop = async (key: string, entry: Entry) => {
    if (entries.get(key) === entry) entries.delete(key)
    clearTimeout(entry.idleTimer)
    const session = await entry.session.catch(() => undefined)
    await session?.close()
  }

  const touch = (key: string, entry: Entry) => {
    entry.lastUsed = now()
    clearTimeout(entry.idleTimer)
    entry.idleTimer = setTimeout(() => void drop(key, entry), options.idleMs)
    // An idle session must not keep the process alive.
    ;(entry.idleTimer as { unref?: () => void }).unref?.()
    // Map order is use order: the first entry is the least recently used.
    entries.delete(key)
    entries.set(key, entry)
  }

  return {
    async acquire(key, fingerprint, open) {
      const existing = entries.get(key)
      if (existing) {
        const session = await existing.session.catch(() => undefined)
        if (session && !session.closed && existing.fingerprint === fingerprint) {
          touch(key, existing)
          return session
        }
        await drop(key, existing)
      }
      while (entries.size >= options.maxSessions) {
        const [oldestKey, oldest] = entries.entries().next().value as [string, Entry]
        await drop(oldestKey, oldest)
      }
      const entry: Entry = { fingerprint, session: open(), lastUsed: now() }
      entries.set(key, entry)
      touch(key, entry)
      try {
        return await entry.session
      } catch (error) {
        if (entries.get(key) === entry) entries.delete(key)
        clearTimeout(entry.idleTimer)
        throw error
      }
    },
    async discard(key, session) {
      const entry = entries.get(key)
      if (entry && (await entry.session.catch(() => undefined)) === session) await drop(key, entry)
      else await session.close()
    },
    async closeAll() {
      await Promise.all([...entries].map(([key, entry]) => drop(key, entry)))
    },
    get size() {
      return entries.size
    },
  }
}
