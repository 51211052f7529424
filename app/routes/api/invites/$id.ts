import { createFileRoute } from '@tanstack/react-router'
import { revokeInvite } from '~/server/invites/invites'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/invites/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      DELETE: async ({ request, params, context: { platform } }) => {
        requireAccounts(platform)
        await revokeInvite(platform.db, await requirePrincipal(platform, request, 'admin'), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
