import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '~/db/enums'
import { AUDIT_CURSOR, listAudit } from '~/server/audit/audit-log'
import { AppError } from '~/server/http/app-error'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

const AuditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().min(1).max(200).optional(),
  target: z.enum(AUDIT_TARGET_TYPES).optional(),
  before: z.string().regex(AUDIT_CURSOR, 'before must be a nextCursor value from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

// GET /api/audit: administrative changes, newest first (admins only).
export const Route = createFileRoute('/api/audit')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request, 'admin')
        const query = AuditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
        if (!query.success) throw new AppError('BAD_REQUEST', `Invalid query: ${query.error.issues[0]?.message ?? 'bad value'}`)
        const { actor, target, ...rest } = query.data
        return Response.json(await listAudit(platform.db, { ...rest, actorId: actor, targetType: target }))
      },
    },
  },
})
