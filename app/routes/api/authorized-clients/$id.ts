import { createFileRoute } from '@tanstack/react-router'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { revokeAuthorizedClient } from '~/server/mcp-oauth/authorized-clients'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/api/authorized-clients/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      DELETE: async ({ request, params, context: { platform } }) => {
        mcpOAuthDeps(platform)
        await revokeAuthorizedClient(platform.db, await requirePrincipal(platform, request), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
