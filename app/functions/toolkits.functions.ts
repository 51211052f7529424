import { createServerFn } from '@tanstack/react-start'
import { listToolkits } from '~/server/toolkits/toolkits'
import { requireRole } from './auth.middleware'

/** The toolkits and the origin their MCP URLs start with. */
export const toolkitsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context }) => ({ toolkits: await listToolkits(context.platform.db), origin: context.platform.publicOrigin }))
