import { createFileRoute } from '@tanstack/react-router'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { listAuthorizedClients } from '~/server/mcp-oauth/authorized-clients'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/api/authorized-clients/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        mcpOAuthDeps(platform)
        const actor = await requirePrincipal(platform, request)
        const everyone = new URL(request.url).searchParams.get('all') === 'true'
        return Response.json({ clients: await listAuthorizedClients(platform.db, actor, everyone) })
      },
    },
  },
})
