import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { getPolicy, removePolicy, updatePolicy } from '~/server/policies/policies'
import { UpdatePolicySchema } from '~/server/policies/policy.schema'

// One policy: read (any member), change pattern/action/note or remove (admins).
export const Route = createFileRoute('/api/policies/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json(await getPolicy(platform.db, params.id))
      },
      PATCH: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const patch = await readJsonBody(request, UpdatePolicySchema)
        return Response.json(await updatePolicy(platform.db, actor, params.id, patch, platform.now()))
      },
      DELETE: async ({ request, params, context: { platform } }) => {
        await removePolicy(platform.db, await requirePrincipal(platform, request, 'admin'), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
