import { createFileRoute } from '@tanstack/react-router'
import { revokeApiKey } from '~/server/api-keys/api-keys'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { wantsAll } from '~/server/http/all-flag'

export const Route = createFileRoute('/api/api-keys/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      // `?all=1`: an owner or admin revokes any member's key.
      DELETE: async ({ request, params, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request)
        await revokeApiKey(platform.db, actor, params.id, platform.now(), { anyMember: wantsAll(request) })
        return new Response(null, { status: 204 })
      },
    },
  },
})
