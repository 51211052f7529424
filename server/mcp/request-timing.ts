// The SDK hands each tool callback the `authInfo` given to `transport.handleRequest` for that
// HTTP request; it is the one per-request channel into a session's shared McpServer, so the
// request's timing collector rides in its `extra` beside the principal (./request-principal).
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { ServerTiming } from '../observability/server-timing'

export function timingOf(authInfo: AuthInfo | undefined): ServerTiming | undefined {
  const timing = authInfo?.extra?.timing
  return timing instanceof ServerTiming ? timing : undefined
}
