import { createServerFn } from '@tanstack/react-start'
import { policiesAndSettings } from '~/server/policies/policies'
import { requireRole } from './auth.middleware'

export const policiesAndSettingsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(({ context }) => policiesAndSettings(context.platform.db))
