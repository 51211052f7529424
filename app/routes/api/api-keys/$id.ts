import { createFileRoute } from '@tanstack/react-router'
import { revokeApiKey } from '~/server/api-keys/api-keys'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/api-keys/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      DELETE: async ({ request, params, context: { platform } }) => {
        requireAccounts(platform)
        await revokeApiKey(platform.db, await requirePrincipal(platform, request), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
