import { createFileRoute } from '@tanstack/react-router'
import { CreateConnectionSchema } from '~/server/connections/connection.schema'
import { createConnection, listConnections } from '~/server/connections/connections'
import { requireIntegration } from '~/server/integrations/integrations'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { connectionDeps } from '~/server/services'

export const Route = createFileRoute('/api/integrations/$id/connections')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const row = await requireIntegration(platform.db, params.id)
        return Response.json({ connections: await listConnections(platform, actor, row.id) })
      },
      POST: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const input = await readJsonBody(request, CreateConnectionSchema)
        const row = await requireIntegration(platform.db, params.id)
        return Response.json(await createConnection(await connectionDeps(platform), actor, row.id, input), { status: 201 })
      },
    },
  },
})
