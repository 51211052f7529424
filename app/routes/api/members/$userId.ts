import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { requirePrincipal } from '~/server/http/require'
import { ChangeRoleSchema } from '~/server/members/member.schema'
import { changeRole, removeMember } from '~/server/members/members'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/members/$userId')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      PATCH: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const { role } = await readJsonBody(request, ChangeRoleSchema)
        return Response.json({ member: await changeRole(platform.db, actor, params.userId, role) })
      },
      DELETE: async ({ request, params, context: { platform } }) => {
        await removeMember(platform.db, await requirePrincipal(platform, request, 'admin'), params.userId)
        return new Response(null, { status: 204 })
      },
    },
  },
})
