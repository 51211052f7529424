// Each /mcp request is authenticated on its own, and the tools act as THAT request's principal:
// a renamed person or a changed role takes effect on the next call, not at the next session. The
// principal rides to the tool handlers in the transport's per-request auth info.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import type { Principal } from '../auth/principal'
import type { ServerTiming } from '../observability/server-timing'

/**
 * The auth info handed to `transport.handleRequest` for a request made by `principal`. The SDK
 * gives a tool handler no other part of the HTTP request, so the request's own signal (aborted
 * when the client goes away; see executionSignal) and, when timings are on, its timing collector
 * (./request-timing) ride along.
 */
export function principalAuthInfo(
  principal: Principal,
  request: { signal: AbortSignal; timing?: ServerTiming | undefined },
): AuthInfo {
  const extra = { principal, requestSignal: request.signal, ...(request.timing ? { timing: request.timing } : {}) }
  return { token: '', clientId: principal.userId, scopes: [], extra }
}

/** The principal of the request a tool handler is answering. */
export function requestPrincipal(extra: { authInfo?: AuthInfo }): Principal {
  const principal = extra.authInfo?.extra?.principal
  // handleMcp authenticates every request before the transport sees it, so this is a wiring bug.
  if (principal === undefined) throw new Error('MCP request reached a tool without an authenticated principal')
  return principal as Principal
}
