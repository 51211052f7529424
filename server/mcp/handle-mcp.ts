// The /mcp endpoint: streamable HTTP with stateful sessions. Every request is
// authenticated and its tools act as that request's principal. A session belongs to the user who
// initialized it: another user gets 403; an unknown, closed or expired id 404 (the store bounds
// how many live and for how long). Errors are JSON-RPC error objects with the matching HTTP
// status; CORS lets browser clients in.
//
// `/mcp/<toolkit>` serves one toolkit: the session's catalog is scoped to it (../toolkits/
// scoped-catalog.ts), in code mode (search, describe, execute, resume) or direct mode (each tool
// its own MCP tool, ./direct-tools.ts). A session belongs to the URL it was opened at; the toolkit
// is read again on each request, so an admin's change applies from the next one.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import type { Principal } from '../auth/principal'
import { randomToken } from '../crypto/tokens'
import type { ExecutionDeps } from '../executions/executions'
import { AppError } from '../http/app-error'
import { withHeaders } from '../http/response-headers'
import { measure, type ServerTiming } from '../observability/server-timing'
import { createMcpServer, refreshExecuteDescription } from './create-mcp-server'
import { clientInfoOf, recordSessionClosed, recordSessionOpened, recordSessionSeen } from './client-sessions'
import { asJsonResponse, jsonUntilNotified, mayStream } from './json-unless-streaming'
import { principalAuthInfo } from './request-principal'
import type { McpSession, McpSessionStore } from './session-store'
import { scopedCatalog } from '../toolkits/scoped-catalog'
import { toolkitBySlug, type Toolkit } from '../toolkits/toolkits'
import { createDirectServer } from './direct-tools'

type HandleOptions = Parameters<WebStandardStreamableHTTPServerTransport['handleRequest']>[1]

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers':
    'content-type, accept, authorization, x-api-key, mcp-session-id, mcp-protocol-version, last-event-id',
  'access-control-expose-headers': 'mcp-session-id, mcp-protocol-version, www-authenticate',
  'access-control-max-age': '86400',
}

export type McpDeps = ExecutionDeps & {
  sessions: McpSessionStore
  publicOrigin: string
  authenticate: (request: Request) => Promise<Principal | null>
  /** the container's OAuth authorization server signs MCP clients in (not on the Worker) */
  signsInWithOAuth?: boolean
  /** the id a new session gets; the Worker names it before routing to the session's Durable Object */
  newSessionId?: () => string
}

export async function handleMcp(request: Request, deps: McpDeps, timing?: ServerTiming): Promise<Response> {
  if (request.method === 'OPTIONS') return preflight()
  return withHeaders(await route(request, deps, timing), corsHeaders)
}

/** What deciding an /mcp request's authentication needs (the Worker decides it before routing too). */
export type GateDeps = Pick<McpDeps, 'authenticate' | 'publicOrigin' | 'signsInWithOAuth'>

/**
 * The answer to an /mcp request that needs no session: a CORS preflight, or a request that fails
 * authentication; undefined for any other. The Worker asks this before waking a session's
 * Durable Object, which still authenticates the request itself (handleMcp).
 */
export async function answerWithoutSession(request: Request, deps: GateDeps): Promise<Response | undefined> {
  if (request.method === 'OPTIONS') return preflight()
  const principal = await authenticateOrRefuse(request, deps, undefined)
  return principal instanceof Response ? withHeaders(principal, corsHeaders) : undefined
}

function preflight() {
  return new Response(null, { status: 204, headers: corsHeaders })
}

/** The request's principal, or the 401 that says how to authenticate. */
async function authenticateOrRefuse(request: Request, deps: GateDeps, timing: ServerTiming | undefined): Promise<Principal | Response> {
  let principal: Principal | null
  try {
    principal = await measure(timing, 'auth', () => deps.authenticate(request))
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') return unauthorized(deps.publicOrigin, error.message, true)
    throw error
  }
  if (principal) return principal
  const how = deps.signsInWithOAuth
    ? 'sign in with OAuth (your client finds how from the WWW-Authenticate header) or send an API key as `Authorization: Bearer <key>`'
    : 'send an API key as `Authorization: Bearer <key>`'
  return unauthorized(deps.publicOrigin, `Authentication required: ${how}`, false)
}

async function route(request: Request, deps: McpDeps, timing: ServerTiming | undefined): Promise<Response> {
  const principal = await authenticateOrRefuse(request, deps, timing)
  if (principal instanceof Response) return principal

  let body: unknown
  if (request.method === 'POST') {
    try {
      body = await request.json()
    } catch {
      return rpcError(400, -32700, 'Parse error: the request body is not valid JSON')
    }
  }
  const options = { parsedBody: body, authInfo: principalAuthInfo(principal, { signal: request.signal, timing }) }

  const slug = toolkitSlugOf(new URL(request.url).pathname)
  if (slug === null) return rpcError(404, -32001, 'Not found: MCP is served at /mcp and at /mcp/<toolkit>')
  const toolkit = slug === undefined ? undefined : await toolkitBySlug(deps.db, slug)
  if (slug !== undefined && !toolkit) return rpcError(404, -32001, `No toolkit "${slug}": an admin adds toolkits on the Toolkits page of the Executor console`)

  const sessionId = request.headers.get('mcp-session-id')
  if (sessionId) {
    const found = (await deps.sessions.get(sessionId)) ?? (await reopenSession(request, options, sessionId, principal, deps, toolkit))
    if (found instanceof Response) return found
    const session = found
    if (!session) {
      // Whatever this id was (expired here, or from before a restart), the list shows it ended.
      await recordSessionClosed(deps.db, sessionId, deps.now())
      return rpcError(404, -32001, 'Session not found: it ended or expired; initialize a new one')
    }
    const refused = refuseOtherSession(session.ownerId, session.toolkit?.current.id, principal, toolkit)
    if (refused) return refused
    if (toolkit && session.toolkit && toolkit.mode !== session.toolkit.current.mode) {
      // Its tools are of the other mode: the client starts over and gets the new ones.
      await deps.sessions.delete(sessionId)
      return rpcError(404, -32001, `Session ended: the toolkit "${toolkit.slug}" changed to ${toolkit.mode} mode; initialize a new one`)
    }
    await deps.sessions.touch(sessionId)
    if (toolkit) noteToolkitChange(session, toolkit)
    const catalog = session.toolkit?.catalog ?? deps.catalog
    session.seenWrittenAt = await recordSessionSeen(deps.db, sessionId, session.seenWrittenAt, deps.now())
    // A client listing tools gets the integrations as they are now, not as the session began.
    if (listsTools(body)) refreshExecuteDescription(session.server, await catalog.integrations(principal))
    // Measured until the answer's form is known: a tool call's result arrives inside it.
    const response = await measure(timing, 'mcp', async () => {
      const answer = await session.transport.handleRequest(request, options)
      if (request.method !== 'POST') return answer
      return mayStream(body) ? jsonUntilNotified(answer) : asJsonResponse(answer)
    })
    if (request.method === 'DELETE' && response.ok) {
      await deps.sessions.delete(sessionId)
      await recordSessionClosed(deps.db, sessionId, deps.now())
    }
    return response
  }

  if (request.method === 'GET' || request.method === 'DELETE') {
    return rpcError(400, -32000, `${request.method} /mcp needs the Mcp-Session-Id header of an initialized session`)
  }
  if (request.method !== 'POST') return rpcError(405, -32000, `${request.method} is not allowed on /mcp`)
  if (!isInitializeRequest(body)) {
    return rpcError(400, -32000, 'No session: send an initialize request first, then the Mcp-Session-Id header it returns')
  }
  return asJsonResponse(await openSession(request, options, principal, deps, toolkit, body))
}

/**
 * Rebuilds a session its store kept but no longer holds live (the Worker's Durable Object after
 * an eviction or restart): its owner is checked first, then its `initialize` is replayed to a new
 * server and transport that keep the session's id, so the client notices nothing.
 */
async function reopenSession(request: Request, options: HandleOptions, sessionId: string, principal: Principal, deps: McpDeps, toolkit: Toolkit | undefined): Promise<McpSession | Response | undefined> {
  const stored = await deps.sessions.stored?.(sessionId)
  if (!stored) return undefined
  const refused = refuseOtherSession(stored.ownerId, stored.toolkitId, principal, toolkit)
  if (refused) return refused
  const replay = new Request(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify(stored.initialize),
  })
  const reopened = await openSession(replay, { ...options, parsedBody: stored.initialize }, principal, { ...deps, newSessionId: () => sessionId }, toolkit, stored.initialize, true)
  // The initialize answer was the client's long ago; reading it to the end lets the transport settle.
  await reopened.text()
  return deps.sessions.get(sessionId)
}

async function openSession(request: Request, options: HandleOptions, principal: Principal, deps: McpDeps, toolkit: Toolkit | undefined, body: unknown, reopening = false) {
  const ownerId = principal.userId
  const scope: McpSession['toolkit'] = toolkit && { current: toolkit, catalog: deps.catalog }
  if (scope) scope.catalog = scopedCatalog(deps.catalog, () => scope.current)
  const scoped = scope ? { ...deps, catalog: scope.catalog, toolkit: { id: scope.current.id } } : deps
  // The execute description lists the integrations this principal can call, as of the session's start.
  const server =
    scope?.current.mode === 'direct'
      ? createDirectServer(scoped, () => scope.current)
      : createMcpServer(scoped, await scoped.catalog.integrations(principal))
  const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: deps.newSessionId ?? (() => randomToken(24)),
    // Event streams, so a tool call's notifications reach the client before its result; see
    // ./json-unless-streaming for the requests answered as plain JSON.
    enableJsonResponse: false,
    onsessioninitialized: async (id) => {
      const now = deps.now()
      await deps.sessions.set({ id, ownerId, transport, server, lastSeen: now, seenWrittenAt: now, initialize: body, ...(scope ? { toolkit: scope } : {}) })
      if (reopening) return
      const cap = deps.sessions.capsThroughRecords ? deps.sessions.perPrincipal : undefined
      const overCap = await recordSessionOpened(deps.db, { id, userId: ownerId, client: clientInfoOf(body) }, now, cap)
      await Promise.all(overCap.map((other) => deps.sessions.delete(other)))
    },
  })
  await server.connect(transport)
  return transport.handleRequest(request, options)
}

/** A session is used only by the principal that opened it, and only at the URL it was opened at. */
function refuseOtherSession(ownerId: string, toolkitId: string | undefined, principal: Principal, toolkit: Toolkit | undefined): Response | undefined {
  if (ownerId !== principal.userId) return rpcError(403, -32002, 'This MCP session belongs to another principal')
  if (toolkitId !== toolkit?.id) return rpcError(404, -32001, 'Session not found at this URL: it was opened at another MCP URL')
  return undefined
}

/** undefined for /mcp itself, the slug for /mcp/<slug>, null for any other path under /mcp/. */
export function toolkitSlugOf(pathname: string): string | undefined | null {
  const rest = pathname.replace(/^\/mcp\/?/, '').replace(/\/$/, '')
  if (rest === '') return undefined
  return /^[a-z0-9-]{1,40}$/.test(rest) ? rest : null
}

/** Keeps the session's toolkit current; a changed direct-mode toolkit tells the client its tool list changed. */
function noteToolkitChange(session: McpSession, toolkit: Toolkit) {
  const scope = session.toolkit
  if (!scope || scope.current.updatedAt === toolkit.updatedAt) return
  scope.current = toolkit
  if (toolkit.mode === 'direct') void session.server.sendToolListChanged()
}

function listsTools(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body]
  return messages.some((message) => typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'tools/list')
}

function unauthorized(publicOrigin: string, message: string, invalidToken: boolean) {
  const metadata = `${publicOrigin}/.well-known/oauth-protected-resource`
  const challenge = invalidToken
    ? `Bearer error="invalid_token", resource_metadata="${metadata}"`
    : `Bearer resource_metadata="${metadata}"`
  return rpcError(401, -32001, message, { 'www-authenticate': challenge })
}

function rpcError(status: number, code: number, message: string, headers: Record<string, string> = {}) {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status, headers })
}
