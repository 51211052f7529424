import { createFileRoute } from '@tanstack/react-router'
import { CreateInviteSchema } from '~/server/invites/invite.schema'
import { createInvite, listInvites } from '~/server/invites/invites'
import { readJsonBody } from '~/server/http/json-body'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/invites/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request, 'admin')
        return Response.json({ invites: await listInvites(platform.db, actor, platform.now()) })
      },
      POST: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, CreateInviteSchema)
        const created = await createInvite(platform.db, actor, input, platform.publicOrigin, platform.now())
        return Response.json(created, { status: 201 })
      },
    },
  },
})
