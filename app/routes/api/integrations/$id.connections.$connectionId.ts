import { createFileRoute } from '@tanstack/react-router'
import { UpdateConnectionSchema } from '~/server/connections/connection.schema'
import { deleteConnection, updateConnection } from '~/server/connections/connections'
import { requireIntegration } from '~/server/integrations/integrations'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { connectionDeps } from '~/server/services'

export const Route = createFileRoute('/api/integrations/$id/connections/$connectionId')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      PATCH: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const input = await readJsonBody(request, UpdateConnectionSchema)
        const row = await requireIntegration(platform.db, params.id)
        return Response.json(await updateConnection(await connectionDeps(platform), actor, row.id, params.connectionId, input))
      },
      DELETE: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const row = await requireIntegration(platform.db, params.id)
        await deleteConnection(platform, actor, row.id, params.connectionId)
        return new Response(null, { status: 204 })
      },
    },
  },
})
