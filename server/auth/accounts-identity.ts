// The container's Identity: an API key (Bearer or x-api-key), an MCP client's OAuth access token
// (Bearer, on /mcp only: that is its audience), otherwise the Better Auth session cookie. Every
// way, the role comes from the membership row as it is now.
import type { Database } from '~/db/database'
import { apiKeyFromRequest, verifyApiKey } from '../api-keys/api-keys'
import { AppError } from '../http/app-error'
import { getRole } from '../members/members'
import { mcpResource } from '../mcp-oauth/metadata'
import { ACCESS_TOKEN_PREFIX, verifyAccessToken } from '../mcp-oauth/tokens'
import type { Identity } from '../platform/types'
import type { Accounts } from './accounts'
import { createPasswordOps } from './passwords'

export type AccountsIdentityOptions = {
  setupCodeRequired?: boolean
  publicOrigin: string
  accessTokenTtlSeconds: number
}

export function createAccountsIdentity(accounts: Accounts, db: Database, now: () => number, options: AccountsIdentityOptions): Identity {
  const resource = mcpResource(options.publicOrigin)
  return {
    kind: 'accounts',
    setupCodeRequired: options.setupCodeRequired ?? false,
    mcpOAuth: { accessTokenTtlSeconds: options.accessTokenTtlSeconds },
    handler: (request) => accounts.handler(request),
    passwords: createPasswordOps(accounts),
    async authenticate(request) {
      const key = apiKeyFromRequest(request)
      if (key) return verifyApiKey(db, key, now())
      const accessToken = oauthAccessToken(request)
      if (accessToken) {
        // A toolkit's URL (/mcp/<slug>) is a narrower view of the same MCP endpoint: the token is good there too.
        const path = new URL(request.url).pathname.replace(/\/$/, '')
        if (path !== '/mcp' && !path.startsWith('/mcp/')) throw new AppError('UNAUTHORIZED', `This access token is for ${resource} only`)
        return verifyAccessToken(db, accessToken, resource, now())
      }
      const found = await accounts.api.getSession({ headers: request.headers })
      if (!found) return null
      const role = await getRole(db, found.user.id)
      if (!role) return null
      return { userId: found.user.id, name: found.user.name, email: found.user.email, role, via: 'session' }
    },
  }
}

function oauthAccessToken(request: Request): string | undefined {
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer?.startsWith(ACCESS_TOKEN_PREFIX) ? bearer : undefined
}
