// RFC 7009 revocation: a client gives up its tokens (and with them its authorization).
import { createFileRoute } from '@tanstack/react-router'
import { withHeaders } from '~/server/http/response-headers'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { endpointCorsHeaders } from '~/server/mcp-oauth/metadata'
import { readForm } from '~/server/mcp-oauth/read-form'
import { revokeToken } from '~/server/mcp-oauth/tokens'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/oauth/revoke')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      OPTIONS: () => new Response(null, { status: 204, headers: endpointCorsHeaders }),
      POST: async ({ request, context: { platform } }) => {
        await revokeToken(mcpOAuthDeps(platform), await readForm(request))
        return withHeaders(new Response(null, { status: 200 }), endpointCorsHeaders)
      },
    },
  },
})
