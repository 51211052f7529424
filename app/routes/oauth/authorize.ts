// The authorization endpoint. A valid request goes on to the consent page (which sends a
// signed-out person through /login and back); a bad one goes back to the client's verified
// redirect URI with `?error=`, or, when the client or redirect URI itself is wrong, is answered
// here as a JSON error (never a redirect to an unverified address).
import { createFileRoute } from '@tanstack/react-router'
import { checkAuthorizationRequest } from '~/server/mcp-oauth/authorization-request'
import { oauthPaths } from '~/server/mcp-oauth/metadata'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/oauth/authorize')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const query = new URL(request.url).searchParams
        const check = await checkAuthorizationRequest(mcpOAuthDeps(platform), query)
        if (!check.ok) {
          if (check.redirect) return Response.redirect(check.redirect, 302)
          throw check.error
        }
        return new Response(null, { status: 302, headers: { location: `${oauthPaths.consent}?${query}` } })
      },
    },
  },
})
