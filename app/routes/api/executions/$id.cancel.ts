import { createFileRoute } from '@tanstack/react-router'
import { cancelExecution } from '~/server/executions/cancel'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/executions/$id/cancel')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      // 200 with the finished execution once the run has ended; 202 with it still running
      // when it has not wound down within a moment.
      POST: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const { execution, ended } = await cancelExecution(platform.db, actor, params.id, platform.now)
        return Response.json(execution, { status: ended ? 200 : 202 })
      },
    },
  },
})
