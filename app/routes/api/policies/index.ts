import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { addPolicy, policiesAndSettings } from '~/server/policies/policies'
import { AddPolicySchema } from '~/server/policies/policy.schema'

// GET /api/policies: the ordered list and the approval settings (any member).
// POST /api/policies: add one (admins).
export const Route = createFileRoute('/api/policies/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json(await policiesAndSettings(platform.db))
      },
      POST: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, AddPolicySchema)
        return Response.json(await addPolicy(platform.db, actor, input, platform.now()), { status: 201 })
      },
    },
  },
})
