import { createServerFn } from '@tanstack/react-start'
import { listApiKeys } from '~/server/api-keys/api-keys'
import { requireRole } from './auth.middleware'

export const listApiKeysFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(({ context }) => listApiKeys(context.platform.db, context.principal, context.platform.now()))
