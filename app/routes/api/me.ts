import { createFileRoute } from '@tanstack/react-router'
import { requirePrincipal } from '~/server/http/require'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/me')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const { userId, name, email, role, via } = await requirePrincipal(platform, request)
        return Response.json({ userId, name, email, role, via })
      },
    },
  },
})
