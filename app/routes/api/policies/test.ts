import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { testPolicyPath } from '~/server/policies/policies'
import { TestPolicyQuerySchema } from '~/server/policies/policy.schema'

// GET /api/policies/test?path=<tool path>: which rule (or default) would decide a call, and why (any member).
export const Route = createFileRoute('/api/policies/test')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const principal = await requirePrincipal(platform, request)
        const query = TestPolicyQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
        if (!query.success) throw new AppError('BAD_REQUEST', `Invalid query: ${query.error.issues[0]?.message ?? 'bad value'}`)
        return Response.json(await testPolicyPath(platform.db, principal, query.data.path))
      },
    },
  },
})
