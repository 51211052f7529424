// Where live MCP sessions are kept between requests: an in-process map in the
// container; the Worker will keep each in a Durable Object.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'

export type McpSession = {
  id: string
  /** the principal that created the session; only it may use it */
  ownerId: string
  transport: WebStandardStreamableHTTPServerTransport
  server: McpServer
  lastSeen: number
}

export interface McpSessionStore {
  /** the live session with this id, if any */
  get(id: string): McpSession | undefined
  /** keeps a new session */
  set(session: McpSession): void
  /** forgets a session (after DELETE, close or expiry) */
  delete(id: string): void
  /** closes and forgets sessions idle since before `cutoff`; returns how many */
  evictIdle(cutoff: number): Promise<number>
}

export function createMemorySessionStore(): McpSessionStore {
  const sessions = new Map<string, McpSession>()
  return {
    get: (id) => sessions.get(id),
    set: (session) => void sessions.set(session.id, session),
    delete: (id) => void sessions.delete(id),
    async evictIdle(cutoff) {
      const idle = [...sessions.values()].filter((s) => s.lastSeen < cutoff)
      for (const session of idle) {
        sessions.delete(session.id)
        await session.server.close().catch(() => undefined)
      }
      return idle.length
    },
  }
}
