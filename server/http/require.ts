import type { Role } from '~/db/enums'
import { hasRole, type Principal } from '../auth/principal'
import type { Platform } from '../platform/types'
import { AppError } from './app-error'

/** The caller, or 401; and 403 when their role is below `minimum`. */
export async function requirePrincipal(platform: Platform, request: Request, minimum: Role = 'member'): Promise<Principal> {
  const principal = await platform.identity.authenticate(request)
  if (!principal) {
    throw new AppError('UNAUTHORIZED', 'Sign in, or send an API key as `Authorization: Bearer <key>` or `x-api-key`')
  }
  if (!hasRole(principal.role, minimum)) throw new AppError('FORBIDDEN', `This needs the ${minimum} role or higher`)
  return principal
}

/** In-app accounts (invites, API keys, sign-up) exist only where the target manages them. */
export function requireAccounts(platform: Platform) {
  if (platform.identity.kind !== 'accounts') {
    throw new AppError('NOT_FOUND', 'Not available here: this Executor signs people in through Cloudflare Access')
  }
}
