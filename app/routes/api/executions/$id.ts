import { createFileRoute } from '@tanstack/react-router'
import { getExecution } from '~/server/executions/executions'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/executions/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) =>
        Response.json(await getExecution(platform.db, await requirePrincipal(platform, request), params.id, platform.now())),
    },
  },
})
