import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { issuePasswordReset, passwordsOf } from '~/server/auth/passwords'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

const IssueResetSchema = z.object({ userId: z.string().min(1).max(200) })

// POST /api/account/reset-links: an owner issues a member a single-use password reset link,
// returned once (there is no mail transport: the owner passes it on).
export const Route = createFileRoute('/api/account/reset-links')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const passwords = passwordsOf(platform)
        const actor = await requirePrincipal(platform, request, 'owner')
        const { userId } = await readJsonBody(request, IssueResetSchema)
        const link = await issuePasswordReset(platform.db, passwords, actor, userId, platform.publicOrigin, platform.now())
        return Response.json(link, { status: 201, headers: { 'cache-control': 'no-store' } })
      },
    },
  },
})
