import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { hasRole } from '~/server/auth/principal'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { listClientSessions } from '~/server/mcp/client-sessions'

const SessionsQuerySchema = z.object({ all: z.enum(['0', '1']).optional() })

// GET /api/mcp-sessions: the caller's recent MCP sessions; `?all=1` lists everyone's (admins only).
export const Route = createFileRoute('/api/mcp-sessions/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const principal = await requirePrincipal(platform, request)
        const query = SessionsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
        if (!query.success) throw new AppError('BAD_REQUEST', 'Invalid query: all must be 0 or 1')
        const all = query.data.all === '1'
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
