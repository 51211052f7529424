import { createFileRoute } from '@tanstack/react-router'
import { RefreshIntegrationSchema } from '~/server/integrations/integration.schema'
import { refreshIntegration } from '~/server/integrations/integration-service'
import { readJson } from '~/server/http/json-body'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/integrations/$id/refresh')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, params, context: { platform, waitUntil } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        // An empty body refreshes from the URL it was added from.
        const raw = request.headers.get('content-length') === '0' || !request.body ? {} : await readJson(request)
        const parsed = RefreshIntegrationSchema.safeParse(raw ?? {})
        if (!parsed.success) throw new AppError('BAD_REQUEST', `Invalid request body: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
        const refreshed = await refreshIntegration(platform, actor, params.id, parsed.data, waitUntil)
        return Response.json(refreshed, { status: refreshed.status === 'importing' ? 202 : 200 })
      },
    },
  },
})
