import { createFileRoute } from '@tanstack/react-router'
import { listPendingApprovals } from '~/server/executions/approvals'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

// GET /api/approvals: paused executions the caller may decide (their own; everyone's for admins).
export const Route = createFileRoute('/api/approvals/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const viewer = await requirePrincipal(platform, request)
        return Response.json(await listPendingApprovals(platform.db, viewer, platform.now()))
      },
    },
  },
})
