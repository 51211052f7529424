import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { ConsentDecisionSchema, decideConsent } from '~/server/mcp-oauth/consent'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/api/mcp-oauth/consent')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const deps = mcpOAuthDeps(platform)
        const actor = await requirePrincipal(platform, request)
        const input = await readJsonBody(request, ConsentDecisionSchema)
        return Response.json(await decideConsent(deps, actor, input))
      },
    },
  },
})
