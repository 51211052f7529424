import { createServerFn } from '@tanstack/react-start'
import { hasRole } from '~/server/auth/principal'
import { listAllApiKeys } from '~/server/api-keys/api-keys'
import { listMembers } from '~/server/members/members'
import { requireRole } from './auth.middleware'

/** The Account page: who you are, and for owners and admins every member's keys (owners: the members to reset). */
export const getAccountFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context: { platform, principal } }) => {
    const admin = hasRole(principal.role, 'admin')
    const [apiKeys, members] = await Promise.all([
      admin ? listAllApiKeys(platform.db, principal, platform.now()) : Promise.resolve(null),
      principal.role === 'owner' ? listMembers(platform.db, principal) : Promise.resolve(null),
    ])
    return {
      me: { userId: principal.userId, name: principal.name, email: principal.email, role: principal.role, via: principal.via },
      apiKeys,
      resettable: members?.filter((m) => !m.isYou).map((m) => ({ userId: m.userId, name: m.name, email: m.email })) ?? null,
    }
  })
