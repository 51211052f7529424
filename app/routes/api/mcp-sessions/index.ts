import { createFileRoute } from '@tanstack/react-router'
import { hasRole } from '~/server/auth/principal'
import { wantsAll } from '~/server/http/all-flag'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { listClientSessions } from '~/server/mcp/client-sessions'

// GET /api/mcp-sessions: the caller's recent MCP sessions; `?all=1` lists everyone's (admins only).
export const Route = createFileRoute('/api/mcp-sessions/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const principal = await requirePrincipal(platform, request)
        const all = wantsAll(request)
        if (all && !hasRole(principal.role, 'admin')) throw new AppError('FORBIDDEN', 'Listing everyone’s sessions needs the admin role or higher')
        const sessions = await listClientSessions(platform.db, all ? {} : { userId: principal.userId }, {
          idleMs: platform.mcpSessions.idleMs,
          now: platform.now(),
        })
        return Response.json({ sessions })
      },
    },
  },
})
