import { createFileRoute } from '@tanstack/react-router'
import { revokeInvite } from '~/server/invites/invites'
import { requireAccounts, requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/invites/$id')({
  server: {
    handlers: {
      DELETE: async ({ request, params, context: { platform } }) => {
        requireAccounts(platform)
        await revokeInvite(platform.db, await requirePrincipal(platform, request, 'admin'), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
