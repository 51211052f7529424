// Start's server entry for both targets: builds (or reuses) the target's Platform, then runs
// every request through the shared pipeline with the platform on the request context. The raw
// Start handler rethrows, so AppErrors from server routes reach our JSON error envelope.
// /mcp and /mcp/<toolkit> are answered here, before Start: it is a protocol endpoint, not a page, and Start builds a
// whole router per request just to find a server route, which was a tenth of an MCP call's time.
import { createStartHandler, defaultStreamHandler } from '@tanstack/react-start/server'
import { createServerEntry } from '@tanstack/react-start/server-entry'
import { getPlatform } from '#platform'
import { bootFailureResponse } from '~/server/http/boot-failure'
import { handleRequest } from '~/server/http/handle-request'
import { handleMcp } from '~/server/mcp/handle-mcp'
import { createLogger } from '~/server/observability/logger'
import type { ServerTiming } from '~/server/observability/server-timing'
import type { WaitUntil } from '~/server/http/background'
import type { Platform } from '~/server/platform/types'
import { mcpDeps } from '~/server/services'

declare module '@tanstack/react-start' {
  interface Register {
    server: { requestContext: { platform: Platform; timing?: ServerTiming; waitUntil?: WaitUntil } }
  }
}

const startHandler = createStartHandler(defaultStreamHandler)

/** The runtime's way to keep work going after the response (the Worker's ctx.waitUntil, exposed by srvx/Nitro on the request). */
function waitUntilOf(request: Request): WaitUntil | undefined {
  const candidate = (request as Request & { waitUntil?: WaitUntil }).waitUntil
  return typeof candidate === 'function' ? candidate.bind(request) : undefined
}
const bootLog = createLogger()

export default createServerEntry({
  async fetch(request, opts) {
    let platform: Platform
    try {
      platform = await getPlatform(request)
    } catch (error) {
      return bootFailureResponse(request, error, bootLog)
    }
    const settings = {
      log: platform.log,
      publicOrigin: platform.publicOrigin,
      trustedOrigins: platform.trustedOrigins,
      loopbackBind: platform.loopbackBind,
      originVariable: platform.target === 'bun' ? 'EXECUTOR_WEB_BASE_URL' : 'VITE_PUBLIC_SITE_URL',
      bodyLimits: platform.bodyLimits,
      serverTiming: platform.serverTiming,
    }
    return handleRequest(request, settings, async (req, { pathname, timing }) =>
      pathname === '/mcp' || pathname.startsWith('/mcp/')
        ? (platform.dispatchMcp?.(req) ?? handleMcp(req, mcpDeps(platform), timing))
        : startHandler(req, { ...opts, context: { platform, timing, waitUntil: waitUntilOf(request) } }),
    )
  },
})
