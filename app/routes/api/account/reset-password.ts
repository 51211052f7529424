import { createFileRoute } from '@tanstack/react-router'
import { ResetPasswordSchema } from '~/server/auth/account.schema'
import { completePasswordReset, passwordsOf } from '~/server/auth/passwords'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

// POST /api/account/reset-password: set a new password with a reset link's token (no sign-in:
// the token is the proof). The token then stops working and the member's sessions end.
export const Route = createFileRoute('/api/account/reset-password')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const passwords = passwordsOf(platform)
        const { token, newPassword } = await readJsonBody(request, ResetPasswordSchema)
        await completePasswordReset(platform.db, passwords, token, newPassword, platform.now())
        return Response.json({ reset: true })
      },
    },
  },
})
