// The /mcp endpoint (SPEC §8): streamable HTTP with stateful sessions. A session belongs to the
// principal that initialized it: another principal gets 403, an unknown id 404. Errors are
// JSON-RPC error objects with the matching HTTP status; CORS lets browser clients in.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import type { Principal } from '../auth/principal'
import { randomToken } from '../crypto/tokens'
import type { ExecutionDeps } from '../executions/executions'
import { AppError } from '../http/app-error'
import { withHeaders } from '../http/response-headers'
import { createMcpServer } from './create-mcp-server'
import { withRequestSignal } from './tools/execute'
import type { McpSessionStore } from './session-store'

const SESSION_IDLE_MS = 30 * 60 * 1000

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
}

export async function handleMcp(request: Request, deps: McpDeps): Promise<Response> {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders })
  return withHeaders(await route(request, deps), corsHeaders)
}

async function route(request: Request, deps: McpDeps): Promise<Response> {
  let principal: Principal | null
  try {
    principal = await deps.authenticate(request)
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') return unauthorized(deps.publicOrigin, error.message, true)
    throw error
  }
  if (!principal) {
    return unauthorized(deps.publicOrigin, 'Authentication required: send an API key as `Authorization: Bearer <key>`', false)
  }

  const sessionId = request.headers.get('mcp-session-id')
  if (sessionId) {
    const session = deps.sessions.get(sessionId)
    if (!session) return rpcError(404, -32001, 'Session not found: it ended or expired; initialize a new one')
    if (session.ownerId !== principal.userId) return rpcError(403, -32002, 'This MCP session belongs to another principal')
    session.lastSeen = deps.now()
    const response = await session.transport.handleRequest(request, withRequestSignal(request))
    if (request.method === 'DELETE' && response.ok) deps.sessions.delete(sessionId)
    return response
  }

  if (request.method === 'GET' || request.method === 'DELETE') {
    return rpcError(400, -32000, `${request.method} /mcp needs the Mcp-Session-Id header of an initialized session`)
  }
  if (request.method !== 'POST') return rpcError(405, -32000, `${request.method} is not allowed on /mcp`)

  let body: unknown
  try {
    body = await request.json()
  } catch {
    return rpcError(400, -32700, 'Parse error: the request body is not valid JSON')
  }
  if (!isInitializeRequest(body)) {
    return rpcError(400, -32000, 'No session: send an initialize request first, then the Mcp-Session-Id header it returns')
  }
  await deps.sessions.evictIdle(deps.now() - SESSION_IDLE_MS)
  return openSession(request, body, principal, deps)
}

async function openSession(request: Request, body: unknown, principal: Principal, deps: McpDeps) {
  const server = createMcpServer(deps, principal)
  const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomToken(24),
    enableJsonResponse: true,
    onsessioninitialized: (id) => deps.sessions.set({ id, ownerId: principal.userId, transport, server, lastSeen: deps.now() }),
    onsessionclosed: (id) => deps.sessions.delete(id),
  })
  await server.connect(transport)
  return transport.handleRequest(request, { parsedBody: body })
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
