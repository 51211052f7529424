import { createFileRoute } from '@tanstack/react-router'
import { requirePrincipal } from '~/server/http/require'
import { listMembers } from '~/server/members/members'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/members/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) =>
        Response.json({ members: await listMembers(platform.db, await requirePrincipal(platform, request, 'admin')) }),
    },
  },
})
