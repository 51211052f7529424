// The container's Identity: an API key (Bearer or x-api-key) when one is presented, otherwise
// the Better Auth session cookie. Either way the role comes from the membership row.
import type { Database } from '~/db/database'
import { apiKeyFromRequest, verifyApiKey } from '../api-keys/api-keys'
import { getRole } from '../members/members'
import type { Identity } from '../platform/types'
import type { Accounts } from './accounts'
import { createPasswordOps } from './passwords'

export function createAccountsIdentity(accounts: Accounts, db: Database, now: () => number, setupCodeRequired = false): Identity {
  return {
    kind: 'accounts',
    setupCodeRequired,
    handler: (request) => accounts.handler(request),
    passwords: createPasswordOps(accounts),
    async authenticate(request) {
      const key = apiKeyFromRequest(request)
      if (key) return verifyApiKey(db, key, now())
      const found = await accounts.api.getSession({ headers: request.headers })
      if (!found) return null
      const role = await getRole(db, found.user.id)
      if (!role) return null
      return { userId: found.user.id, name: found.user.name, email: found.user.email, role, via: 'session' }
    },
  }
}
