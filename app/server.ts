// Start's server entry for both targets: builds (or reuses) the target's Platform, then runs
// every request through the shared pipeline with the platform on the request context. The raw
// Start handler rethrows, so AppErrors from server routes reach our JSON error envelope.
import { createStartHandler, defaultStreamHandler } from '@tanstack/react-start/server'
import { createServerEntry } from '@tanstack/react-start/server-entry'
import { getPlatform } from '#platform'
import { handleRequest } from '~/server/http/handle-request'
import type { Platform } from '~/server/platform/types'

declare module '@tanstack/react-start' {
  interface Register {
    server: { requestContext: { platform: Platform } }
  }
}

const startHandler = createStartHandler(defaultStreamHandler)

export default createServerEntry({
  async fetch(request, opts) {
    const platform = await getPlatform(request)
    return handleRequest(request, platform.log, async (req) =>
      startHandler(req, { ...opts, context: { platform } }),
    )
  },
})
