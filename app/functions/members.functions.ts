import { createServerFn } from '@tanstack/react-start'
import { listMembers } from '~/server/members/members'
import { requireRole } from './auth.middleware'

export const listMembersFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('admin')])
  .handler(({ context }) => listMembers(context.platform.db, context.principal))
