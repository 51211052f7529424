// How roles read in the console. Who may manage whom comes from the server's own rule.
import type { Role } from '~/db/enums'
export { mayManage } from '~/server/members/member.schema'

export const roleNames: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' }

/** For sentences: "invited you to join Acme as a member". */
export const roleWithArticle: Record<Role, string> = { owner: 'an owner', admin: 'an admin', member: 'a member' }

/** Whether `role` may open the admin page (members and invites). */
export function canAdminister(role: Role | undefined) {
  return role === 'owner' || role === 'admin'
}
