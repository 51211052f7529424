import { createFileRoute } from '@tanstack/react-router'
import { CreateApiKeySchema } from '~/server/api-keys/api-key.schema'
import { createApiKey, listAllApiKeys, listApiKeys } from '~/server/api-keys/api-keys'
import { readJsonBody } from '~/server/http/json-body'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { wantsAll } from '~/server/http/all-flag'

export const Route = createFileRoute('/api/api-keys/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      // `?all=1`: every member's keys with their owner (owners and admins).
      GET: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request)
        const now = platform.now()
        const apiKeys = wantsAll(request) ? await listAllApiKeys(platform.db, actor, now) : await listApiKeys(platform.db, actor, now)
        return Response.json({ apiKeys })
      },
      POST: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request)
        const input = await readJsonBody(request, CreateApiKeySchema)
        return Response.json(await createApiKey(platform.db, actor, input, platform.now()), { status: 201 })
      },
    },
  },
})
