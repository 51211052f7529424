import { createFileRoute } from '@tanstack/react-router'
import { CreateConnectionSchema } from '~/server/connections/connection.schema'
import { createConnection, listConnections } from '~/server/connections/connections'
import { requireIntegration } from '~/server/integrations/integrations'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { createOAuthConnection } from '~/server/connections/oauth/create-oauth-connection'
import { connectionDeps, oauthDeps } from '~/server/services'

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
        if (input.auth.type === 'oauth2') {
          const auth = input.auth
          return Response.json(await createOAuthConnection(await oauthDeps(platform), actor, row, { ...input, auth }), { status: 201 })
        }
        return Response.json(await createConnection(await connectionDeps(platform), actor, row.id, input), { status: 201 })
      },
    },
  },
})
