import { z } from 'zod'
import { ROLES, type Role } from '~/db/enums'

export const ChangeRoleSchema = z.object({
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}` }),
})
export type ChangeRoleInput = z.infer<typeof ChangeRoleSchema>

/**
 * Who may change or remove whom: owners manage everyone; admins manage members and
 * may promote them to admin, never to owner. Client-safe, so the console offers only what the
 * server will accept. The last-owner rule needs the database and lives in members.ts.
 */
export function mayManage(actor: Role, target: Role, next?: Role): boolean {
  if (actor === 'owner') return true
  return actor === 'admin' && target === 'member' && next !== 'owner'
}
