import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { describeInvite, listInvites } from '~/server/invites/invites'
import { requireRole } from './auth.middleware'

export const listInvitesFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('admin')])
  .handler(({ context }) => listInvites(context.platform.db, context.principal, context.platform.now()))

/** Public: the /join page shows what the link offers before anyone has an account. */
export const describeInviteFn = createServerFn({ method: 'GET' })
  .validator(z.object({ code: z.string().min(1).max(200) }))
  .handler(({ data, context }) => describeInvite(context.platform.db, data.code, context.platform.now()))
