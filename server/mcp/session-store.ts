// Where live MCP sessions are kept between requests: an in-process map in the container; on the
// Worker each session is a Durable Object (../platform/mcp-session-object.ts), so every method
// returns a promise. The store owns
// the bounds: a session idle longer than `idleMs` is gone on its next lookup and swept on a timer,
// one principal holds at most `perPrincipal` sessions and the process at most `total`; opening
// one more closes the least recently used (of that principal first, then of everyone).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import type { ToolCatalog } from '../catalog/tool-catalog'
import type { Toolkit } from '../toolkits/toolkits'

export type McpSession = {
  id: string
  /** the principal that created the session; only it may use it */
  ownerId: string
  transport: WebStandardStreamableHTTPServerTransport
  server: McpServer
  lastSeen: number
  /**
   * set for a session opened at a toolkit's URL `/mcp/<slug>`: the toolkit as last read (each
   * request reads it again) and the catalog scoped to it
   */
  toolkit?: { current: Toolkit; catalog: ToolCatalog }
  /** when this process last wrote the session's `last seen` to the database (./client-sessions) */
  seenWrittenAt: number
  /** the client's `initialize` request, replayed to rebuild the session where the store outlives its process */
  initialize: unknown
}

/** What a store that outlives its process keeps to rebuild a session (the Worker's Durable Object). */
export type StoredSession = {
  ownerId: string
  /** the toolkit the session was opened at, if any */
  toolkitId: string | undefined
  initialize: unknown
}

export type McpSessionLimits = {
  /** a session unused this long is closed */
  idleMs: number
  /** open sessions one principal may hold */
  perPrincipal: number
  /** open sessions in this process */
  total: number
}

export const DEFAULT_SESSION_LIMITS: McpSessionLimits = {
  idleMs: 30 * 60 * 1000,
  perPrincipal: 32,
  total: 2000,
}

export interface McpSessionStore {
  /** how long an unused session lives */
  readonly idleMs: number
  /** how many open sessions one principal may hold; opening one more ends their least recently used */
  readonly perPrincipal: number
  /**
   * Set by a store that holds one session and so cannot see the principal's others (the Worker's
   * Durable Object): the session records then apply `perPrincipal` (./client-sessions), ending the
   * others through `delete`. A store that sees every session (the container's) caps them itself,
   * exactly, and leaves it unset.
   */
  readonly capsThroughRecords?: true
  /** the live session with this id; an expired one is closed and reported missing */
  get(id: string): Promise<McpSession | undefined>
  /** keeps a new session, first closing the least recently used ones over the caps */
  set(session: McpSession): Promise<void>
  /** marks a session used now, restarting its idle clock */
  touch(id: string): Promise<void>
  /** closes and forgets a session (after DELETE, when its toolkit changed mode, or over its principal's cap) */
  delete(id: string): Promise<void>
  /** closes and forgets every session idle past the timeout; returns how many */
  evictIdle(): Promise<number>
  /** closes every session and stops the sweep timer (shutdown, tests) */
  close(): Promise<void>
  /**
   * the stored form of a session that is not live here (its process was evicted or restarted),
   * for stores that keep one; handleMcp rebuilds the session from it after checking the owner
   */
  stored?(id: string): Promise<StoredSession | undefined>
}

export type MemorySessionStoreOptions = Partial<McpSessionLimits> & { now: () => number }

export function createMemorySessionStore(options: MemorySessionStoreOptions): McpSessionStore {
  const limits: McpSessionLimits = {
    idleMs: options.idleMs ?? DEFAULT_SESSION_LIMITS.idleMs,
    perPrincipal: options.perPrincipal ?? DEFAULT_SESSION_LIMITS.perPrincipal,
    total: options.total ?? DEFAULT_SESSION_LIMITS.total,
  }
  const { now } = options
  // Insertion order is kept as least-recently-used first: touch() moves a session to the end.
  const sessions = new Map<string, McpSession>()
  // The timer runs only while sessions exist, and is unref'd, so it never keeps a process alive.
  let sweep: ReturnType<typeof setInterval> | undefined
  const sweepEveryMs = Math.min(60_000, Math.max(100, Math.floor(limits.idleMs / 2)))

  const isExpired = (session: McpSession) => now() - session.lastSeen > limits.idleMs

  async function remove(session: McpSession) {
    if (sessions.get(session.id) === session) sessions.delete(session.id)
    if (sessions.size === 0) stopSweep()
    await session.server.close().catch(() => undefined)
  }

  function startSweep() {
    if (sweep !== undefined) return
    sweep = setInterval(() => void store.evictIdle(), sweepEveryMs)
    ;(sweep as { unref?: () => void }).unref?.()
  }

  function stopSweep() {
    if (sweep === undefined) return
    clearInterval(sweep)
    sweep = undefined
  }

  const store: McpSessionStore = {
    idleMs: limits.idleMs,
    perPrincipal: limits.perPrincipal,
    async get(id) {
      const session = sessions.get(id)
      if (session === undefined) return undefined
      if (!isExpired(session)) return session
      await remove(session)
      return undefined
    },
    async set(session) {
      await store.evictIdle()
      const owned = [...sessions.values()].filter((s) => s.ownerId === session.ownerId)
      const overOwner = owned.slice(0, Math.max(0, owned.length - limits.perPrincipal + 1))
      await Promise.all(overOwner.map(remove))
      const overTotal = [...sessions.values()].slice(0, Math.max(0, sessions.size - limits.total + 1))
      await Promise.all(overTotal.map(remove))
      sessions.set(session.id, session)
      startSweep()
    },
    async touch(id) {
      const session = sessions.get(id)
      if (session === undefined) return
      session.lastSeen = now()
      sessions.delete(id)
      sessions.set(id, session)
    },
    async delete(id) {
      const session = sessions.get(id)
      if (session !== undefined) await remove(session)
    },
    async evictIdle() {
      const idle = [...sessions.values()].filter(isExpired)
      await Promise.all(idle.map(remove))
      return idle.length
    },
    async close() {
      stopSweep()
      const all = [...sessions.values()]
      sessions.clear()
      await Promise.all(all.map((s) => s.server.close().catch(() => undefined)))
    },
  }
  return store
}
