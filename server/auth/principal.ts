import type { Role } from '~/db/enums'

/** Who is making a request, however they proved it. */
export type Principal = {
  userId: string
  name: string
  email: string
  role: Role
  via: 'session' | 'api_key' | 'oauth' | 'access' | 'dev'
  /** the key used, when `via` is `api_key` */
  apiKeyId?: string
  /** the MCP client authorization its access token belongs to, when `via` is `oauth` */
  oauthGrantId?: string
  /** the identity provider's groups, when `via` is `access` and the token carries them */
  groups?: string[]
}

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 }

/** Whether `role` grants at least what `minimum` does (owner > admin > member). */
export function hasRole(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum]
}
