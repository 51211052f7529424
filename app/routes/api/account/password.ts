import { createFileRoute } from '@tanstack/react-router'
import { ChangePasswordSchema } from '~/server/auth/account.schema'
import { changeOwnPassword, passwordsOf } from '~/server/auth/passwords'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

// POST /api/account/password: change your own password (current one required); every other
// session of yours is signed out, and this one continues on the new cookie.
export const Route = createFileRoute('/api/account/password')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const passwords = passwordsOf(platform)
        const actor = await requirePrincipal(platform, request)
        const input = await readJsonBody(request, ChangePasswordSchema)
        const cookies = await changeOwnPassword(platform.db, passwords, actor, request, input, platform.now())
        const headers = new Headers({ 'content-type': 'application/json' })
        for (const cookie of cookies) headers.append('set-cookie', cookie)
        return new Response(JSON.stringify({ changed: true }), { headers })
      },
    },
  },
})
