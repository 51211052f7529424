// One MCP session on the Worker: a SQLite-backed Durable Object (binding MCP_SESSION) that hosts
// the session's MCP server and transport, because the SDK's transport keeps its state in memory
// and a Worker's consecutive requests may land on different isolates. The Worker routes every
// /mcp request here by its session id (routeToSessionObject); the object runs the same handleMcp
// as the container, with a store that keeps what rebuilds the session in the object's storage.
import { DurableObject } from 'cloudflare:workers'
import type { DurableObjectNamespace } from '@cloudflare/workers-types'
import { randomToken } from '../crypto/tokens'
import { bootFailureResponse } from '../http/boot-failure'
import { recordSessionClosed } from '../mcp/client-sessions'
import { handleMcp } from '../mcp/handle-mcp'
import type { McpSessionStore } from '../mcp/session-store'
import { createLogger } from '../observability/logger'
import { mcpDeps } from '../services'
import { getPlatform } from './cloudflare'
import { createDurableSessionStore, readSessionRecord } from './durable-session-store'

/** Set by the Worker on the request it forwards (never taken from the client): the object's session id. */
const ROUTED_SESSION_HEADER = 'x-executor-mcp-session'

/** Sends an /mcp request to its session's object; a request without a session id goes to a fresh one. */
export function routeToSessionObject(namespace: DurableObjectNamespace, request: Request): Promise<Response> {
  const sessionId = request.headers.get('mcp-session-id') || randomToken(24)
  const forwarded = new Request(request)
  forwarded.headers.set(ROUTED_SESSION_HEADER, sessionId)
  const stub = namespace.get(namespace.idFromName(sessionId))
  return stub.fetch(forwarded as never) as unknown as Promise<Response>
}

export class McpSessionObject extends DurableObject {
  private sessions: McpSessionStore | undefined
  private readonly log = createLogger()

  async fetch(request: Request): Promise<Response> {
    const sessionId = request.headers.get(ROUTED_SESSION_HEADER)
    if (!sessionId) return Response.json({ code: 'NOT_FOUND', message: 'Not found' }, { status: 404 })
    let platform
    try {
      platform = await getPlatform(request)
    } catch (error) {
      return bootFailureResponse(request, error, this.log)
    }
    this.sessions ??= createDurableSessionStore(this.ctx.storage, { origin: new URL(request.url).origin, now: platform.now })
    return handleMcp(request, { ...mcpDeps(platform), sessions: this.sessions, newSessionId: () => sessionId })
  }

  /** Idle expiry: a session unused for the idle timeout is closed, forgotten and recorded as ended. */
  async alarm(): Promise<void> {
    const record = await readSessionRecord(this.ctx.storage)
    if (!record) return
    const platform = await getPlatform(new Request(record.origin))
    const sessions = (this.sessions ??= createDurableSessionStore(this.ctx.storage, { origin: record.origin, now: platform.now }))
    if (platform.now() - record.lastSeen <= sessions.idleMs) {
      await this.ctx.storage.setAlarm(record.lastSeen + sessions.idleMs)
      return
    }
    await sessions.delete(record.id)
    await recordSessionClosed(platform.db, record.id, platform.now())
  }
}
