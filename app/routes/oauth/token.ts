// The token endpoint: authorization code (with the PKCE verifier) or refresh token in, a fresh
// access token and a rotated refresh token out.
import { createFileRoute } from '@tanstack/react-router'
import { withHeaders } from '~/server/http/response-headers'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { endpointCorsHeaders } from '~/server/mcp-oauth/metadata'
import { readForm } from '~/server/mcp-oauth/read-form'
import { tokenRequest } from '~/server/mcp-oauth/tokens'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/oauth/token')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      OPTIONS: () => new Response(null, { status: 204, headers: endpointCorsHeaders }),
      POST: async ({ request, context: { platform } }) => {
        const tokens = await tokenRequest(mcpOAuthDeps(platform), await readForm(request))
        return withHeaders(Response.json(tokens, { headers: { 'cache-control': 'no-store' } }), endpointCorsHeaders)
      },
    },
  },
})
