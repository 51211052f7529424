import { createFileRoute } from '@tanstack/react-router'
import { listTools } from '~/server/catalog/tool-store'
import { requireIntegration } from '~/server/integrations/integrations'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

// One page of an integration's tools in path order: `?limit=` (≤ 1000) and `?cursor=` (the previous page's nextCursor).
export const Route = createFileRoute('/api/integrations/$id/tools')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        await requirePrincipal(platform, request)
        const row = await requireIntegration(platform.db, params.id)
        const query = new URL(request.url).searchParams
        const limit = Number(query.get('limit') ?? 100)
        const page = await listTools(platform.db, row.id, { limit: Number.isFinite(limit) ? limit : 100, cursor: query.get('cursor') })
        return Response.json(page)
      },
    },
  },
})
