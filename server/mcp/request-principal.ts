// Each /mcp request is authenticated on its own, and the tools act as THAT request's principal:
// a renamed person or a changed role takes effect on the next call, not at the next session. The
// principal rides to the tool handlers in the transport's per-request auth info.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import type { Principal } from '../auth/principal'
import type { ServerTiming } from '../observability/server-timing'

/**
 * The auth info handed to `transport.handleRequest` for a request made by `principal`; the
 * request's timing collector (./request-timing) rides along when timings are on.
 */
export function principalAuthInfo(principal: Principal, timing?: ServerTiming): AuthInfo {
  return { token: '', clientId: principal.userId, scopes: [], extra: timing ? { principal, timing } : { principal } }
}

/** The principal of the request a tool handler is answering. */
export function requestPrincipal(extra: { authInfo?: AuthInfo }): Principal {
  const principal = extra.authInfo?.extra?.principal
  // handleMcp authenticates every request before the transport sees it, so this is a wiring bug.
  if (principal === undefined) throw new Error('MCP request reached a tool without an authenticated principal')
  return principal as Principal
}
