import { createFileRoute } from '@tanstack/react-router'
import { ChangeNameSchema } from '~/server/auth/account.schema'
import { changeOwnName } from '~/server/auth/passwords'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requireAccounts, requirePrincipal } from '~/server/http/require'

// PATCH /api/account: change your own name.
export const Route = createFileRoute('/api/account/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      PATCH: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request)
        const { name } = await readJsonBody(request, ChangeNameSchema)
        return Response.json(await changeOwnName(platform.db, actor, name, platform.now()))
      },
    },
  },
})
