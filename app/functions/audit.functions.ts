import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { AUDIT_ACTIONS } from '~/db/enums'
import { listAudit } from '~/server/audit/audit-log'
import { requireRole } from './auth.middleware'

export const listAuditFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('admin')])
  .validator(z.object({ action: z.enum(AUDIT_ACTIONS).optional() }))
  .handler(({ data, context }) => listAudit(context.platform.db, { action: data.action, limit: 25 }))
