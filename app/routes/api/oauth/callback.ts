import { createFileRoute } from '@tanstack/react-router'
import { finishAuthorization } from '~/server/connections/oauth/authorize'
import { callbackPage } from '~/server/connections/oauth/callback-page'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { oauthDeps } from '~/server/services'

// Where authorization servers send the browser back: finishes the connection and says what happened.
export const Route = createFileRoute('/api/oauth/callback')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const principal = await platform.identity.authenticate(request)
        if (!principal) return callbackPage({ kind: 'signed_out' })
        return callbackPage(await finishAuthorization(await oauthDeps(platform), principal, new URL(request.url).searchParams))
      },
    },
  },
})
