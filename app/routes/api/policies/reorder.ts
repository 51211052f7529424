import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { reorderPolicies } from '~/server/policies/policies'
import { ReorderPoliciesSchema } from '~/server/policies/policy.schema'

// POST /api/policies/reorder `{ ids }`: every policy's id once, in the new order (admins); answers the new list.
export const Route = createFileRoute('/api/policies/reorder')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const { ids } = await readJsonBody(request, ReorderPoliciesSchema)
        return Response.json({ policies: await reorderPolicies(platform.db, actor, ids, platform.now()) })
      },
    },
  },
})
