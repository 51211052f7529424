// Public: what an invite link offers, for the /join page and API clients holding a code.
import { createFileRoute } from '@tanstack/react-router'
import { describeInvite } from '~/server/invites/invites'
import { requireAccounts } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/join/$code')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ params, context: { platform } }) => {
        requireAccounts(platform)
        return Response.json(await describeInvite(platform.db, params.code, platform.now()))
      },
    },
  },
})
