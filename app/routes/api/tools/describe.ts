import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { executionDeps } from '~/server/services'

// GET /api/tools/describe?path=<tool path>: one tool's declaration, schemas and annotations.
export const Route = createFileRoute('/api/tools/describe')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const path = new URL(request.url).searchParams.get('path') ?? ''
        if (path === '' || path.length > 500) throw new AppError('BAD_REQUEST', 'Send the tool path as ?path= (at most 500 characters)')
        const described = await executionDeps(platform).catalog.describe(actor, path)
        if (!described) throw new AppError('NOT_FOUND', `No tool at "${path}" that you can use`)
        return Response.json(described)
      },
    },
  },
})
