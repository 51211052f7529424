import { createFileRoute } from '@tanstack/react-router'
import { UpdateIntegrationSchema } from '~/server/integrations/integration.schema'
import { deleteIntegration, getIntegration, updateIntegration } from '~/server/integrations/integrations'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

// `$id` is the integration's id or its slug.
export const Route = createFileRoute('/api/integrations/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json(await getIntegration(platform.db, params.id, platform.now()))
      },
      PATCH: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, UpdateIntegrationSchema)
        return Response.json(await updateIntegration(platform.db, actor, params.id, input, platform.now()))
      },
      DELETE: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        await deleteIntegration(platform.db, platform.blobs, actor, params.id)
        return new Response(null, { status: 204 })
      },
    },
  },
})
