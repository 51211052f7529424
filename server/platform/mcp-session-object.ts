// One MCP session on the Worker: a SQLite-backed Durable Object (binding MCP_SESSION) that hosts
// the session's MCP server and transport, because the SDK's transport keeps its state in memory
// and a Worker's consecutive requests may land on different isolates. The Worker routes each
// /mcp request here by its session id (routeToSessionObject), except a CORS preflight and a
// request that fails authentication, which it answers itself so they wake no object; the object
// runs the same handleMcp as the container, with a store that keeps what rebuilds the session in
// the object's storage.
import { DurableObject } from 'cloudflare:workers'
import type { DurableObjectNamespace } from '@cloudflare/workers-types'
import { randomToken } from '../crypto/tokens'
import { bootFailureResponse } from '../http/boot-failure'
import { recordSessionClosed } from '../mcp/client-sessions'
import { answerWithoutSession, handleMcp, type GateDeps } from '../mcp/handle-mcp'
import { createLogger } from '../observability/logger'
import { mcpDeps } from '../services'
import { getPlatform } from './cloudflare'
import type { Platform } from './types'
import { createDurableSessionStore, readSessionRecord, type DurableSessionStore } from './durable-session-store'

/** Set by the Worker on the request it forwards (never taken from the client): the object's session id. */
const ROUTED_SESSION_HEADER = 'x-executor-mcp-session'

/**
 * Sends an /mcp request to its session's object; a request without a session id goes to a fresh
 * one. A preflight or an unauthenticated request is answered here, as the object would answer it.
 */
export async function routeToSessionObject(
  namespace: DurableObjectNamespace,
  request: Request,
  gate: GateDeps,
): Promise<Response> {
  const answered = await answerWithoutSession(request, gate)
  if (answered) return answered
  const sessionId = request.headers.get('mcp-session-id') || randomToken(24)
  const forwarded = new Request(request)
  forwarded.headers.set(ROUTED_SESSION_HEADER, sessionId)
  const stub = namespace.get(namespace.idFromName(sessionId))
  return stub.fetch(forwarded as never) as unknown as Promise<Response>
}

export class McpSessionObject extends DurableObject {
  private sessions: DurableSessionStore | undefined
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
    this.sessions ??= this.storeFor(new URL(request.url).origin, platform)
    return handleMcp(request, { ...mcpDeps(platform), sessions: this.sessions, newSessionId: () => sessionId })
  }

  /** Idle expiry: a session unused for the idle timeout is closed, forgotten and recorded as ended. */
  async alarm(): Promise<void> {
    const held = await this.heldSession()
    if (!held) return
    const expired = await held.sessions.expireIfIdle()
    if (expired !== undefined) await recordSessionClosed(held.platform.db, expired, held.platform.now())
  }

  /**
   * Ends this object's session for the Worker's own code: opening a session past its principal's
   * cap ends that principal's least recently used ones (their records are already marked ended).
   * The same close and forget as a DELETE: storage cleared, alarm deleted, the next request 404.
   *
   * This is an RPC method, not a path of fetch(): it can be called only through a stub of the
   * MCP_SESSION namespace, which only this Worker's code holds. A client's request reaches an
   * object only through fetch(), routed by the client's own Mcp-Session-Id, where ending a
   * session is a DELETE checked against the session's owner; so no request from outside can end
   * a session it does not own, whatever ids or headers it sends.
   */
  async end(): Promise<void> {
    const held = await this.heldSession()
    if (held) await held.sessions.delete(held.id)
  }

  /** Outside a request (alarm, RPC): the stored session, with the platform booted for the origin it was opened on. */
  private async heldSession() {
    const record = await readSessionRecord(this.ctx.storage)
    if (!record) return undefined
    const platform = await getPlatform(new Request(record.origin))
    this.sessions ??= this.storeFor(record.origin, platform)
    return { id: record.id, platform, sessions: this.sessions }
  }

  /** The idle timeout (MCP_SESSION_IDLE_SECONDS) and the cap per principal (MCP_SESSIONS_PER_PRINCIPAL) are the platform's; the session list reads them too. */
  private storeFor(origin: string, platform: Platform) {
    const namespace = (this.env as { MCP_SESSION: DurableObjectNamespace }).MCP_SESSION
    return createDurableSessionStore(this.ctx.storage, {
      origin,
      now: platform.now,
      idleMs: platform.mcpSessions.idleMs,
      perPrincipal: platform.mcpSessions.perPrincipal,
      endElsewhere: (id) => endSessionObject(namespace, id),
    })
  }
}

/** Ends the session held by another object (see McpSessionObject.end). */
async function endSessionObject(namespace: DurableObjectNamespace, id: string): Promise<void> {
  const stub = namespace.get(namespace.idFromName(id)) as unknown as Pick<McpSessionObject, 'end'>
  await stub.end()
}
