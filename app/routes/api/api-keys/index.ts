import { createFileRoute } from '@tanstack/react-router'
import { CreateApiKeySchema } from '~/server/api-keys/api-key.schema'
import { createApiKey, listApiKeys } from '~/server/api-keys/api-keys'
import { readJsonBody } from '~/server/http/json-body'
import { requireAccounts, requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/api-keys/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        requireAccounts(platform)
        const actor = await requirePrincipal(platform, request)
        return Response.json({ apiKeys: await listApiKeys(platform.db, actor, platform.now()) })
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
