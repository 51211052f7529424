import { createFileRoute } from '@tanstack/react-router'
import { requireManageableConnection } from '~/server/connections/connections'
import { startAuthorization } from '~/server/connections/oauth/authorize'
import { requireIntegration } from '~/server/integrations/integrations'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { oauthDeps } from '~/server/services'

// A new authorization URL for an OAuth 2 connection (first Connect, or re-authorization after
// `needs_reauth`): the console opens it; the callback finishes the connection.
export const Route = createFileRoute('/api/integrations/$id/connections/$connectionId/oauth/start')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const integration = await requireIntegration(platform.db, params.id)
        const row = await requireManageableConnection(platform.db, actor, integration.id, params.connectionId)
        return Response.json({ authorizeUrl: await startAuthorization(await oauthDeps(platform), actor, row) })
      },
    },
  },
})
