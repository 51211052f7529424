import { createFileRoute } from '@tanstack/react-router'
import { CreateIntegrationSchema } from '~/server/integrations/integration.schema'
import { addIntegration } from '~/server/integrations/integration-service'
import { listIntegrations } from '~/server/integrations/integrations'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/integrations/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json({ integrations: await listIntegrations(platform.db, platform.now()) })
      },
      POST: async ({ request, context: { platform, waitUntil } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, CreateIntegrationSchema)
        const added = await addIntegration(platform, actor, input, waitUntil)
        // 201 once the import has finished (ready or failed); 202 while it still runs.
        return Response.json(added, { status: added.status === 'importing' ? 202 : 201 })
      },
    },
  },
})
