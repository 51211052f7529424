// Who a verified Cloudflare Access token says the caller is. A person's token carries `sub` (their
// Access user id) and `email`; a service token's carries `common_name` (its client id) and an
// empty `sub`, and no email. The display name and groups come from the claims the operator
// names (ACCESS_NAME_CLAIM, ACCESS_GROUPS_CLAIM); Access adds them only when the identity
// provider sends them, so both are optional.
import type { JWTPayload } from 'jose'
import type { Principal } from './principal'

export type ClaimMapping = {
  nameClaim: string
  groupsClaim: string
  /** lowercased; these people are admins, everyone else a member */
  adminEmails: readonly string[]
}

/** The principal of a verified token, or undefined when it names neither a person nor a service token. */
export function principalFromAccessClaims(payload: JWTPayload, mapping: ClaimMapping): Principal | undefined {
  const groups = groupsOf(payload[mapping.groupsClaim])
  const email = nonBlank(payload.email)?.toLowerCase()
  const sub = nonBlank(payload.sub)
  if (email !== undefined && sub !== undefined) {
    const name = nonBlank(payload[mapping.nameClaim]) ?? email
    const role = mapping.adminEmails.includes(email) ? 'admin' : 'member'
    return { userId: sub, name, email, role, via: 'access', groups }
  }
  const serviceToken = nonBlank(payload.common_name)
  if (serviceToken !== undefined) {
    // Service tokens have no email, so ADMIN_EMAILS cannot name them: they act as members.
    return { userId: `service:${serviceToken}`, name: serviceToken, email: '', role: 'member', via: 'access', groups }
  }
  return undefined
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** An array of names, or one name; anything else is no groups. */
function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return nonBlank(value) === undefined ? [] : [value.trim()]
  if (!Array.isArray(value)) return []
  return value.flatMap((entry) => (typeof entry === 'string' && entry.trim() !== '' ? [entry.trim()] : []))
}
