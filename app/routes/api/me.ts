import { createFileRoute } from '@tanstack/react-router'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/me')({
  server: {
    handlers: {
      GET: async ({ request, context: { platform } }) => {
        const { userId, name, email, role, via } = await requirePrincipal(platform, request)
        return Response.json({ userId, name, email, role, via })
      },
    },
  },
})
