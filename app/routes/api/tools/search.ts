import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { executionDeps } from '~/server/services'

// GET /api/tools/search?q=<words>&limit=<n>: the catalog search agents get, as the caller sees it.
export const Route = createFileRoute('/api/tools/search')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const query = new URL(request.url).searchParams
        const q = query.get('q') ?? ''
        if (q.length > 500) throw new AppError('BAD_REQUEST', 'q must be at most 500 characters')
        const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), 100)
        return Response.json({ tools: await executionDeps(platform).catalog.search(actor, q, limit) })
      },
    },
  },
})
