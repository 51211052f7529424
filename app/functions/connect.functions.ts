import { createServerFn } from '@tanstack/react-start'
import { listClientSessions } from '~/server/mcp/client-sessions'
import { requireRole } from './auth.middleware'

/** The Connect page: the real /mcp URL, how people sign in here, and the caller's recent sessions. */
export const getConnectFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context: { platform, principal } }) => ({
    mcpUrl: `${platform.publicOrigin}/mcp`,
    identity: platform.identity.kind,
    sessions: await listClientSessions(platform.db, { userId: principal.userId }, { idleMs: platform.mcpSessions.idleMs, now: platform.now(), limit: 20 }),
  }))
