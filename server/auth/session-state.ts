import { AppError } from '../http/app-error'
import type { Platform } from '../platform/types'
import { needsSetup } from './owner-claim'
import type { Principal } from './principal'

export type SessionState = {
  /** no owner yet: every page leads to /setup */
  needsSetup: boolean
  /** /setup also asks for the one-time setup code from the server log */
  needsSetupCode: boolean
  /** `accounts`: in-app login; `access`: Cloudflare Access decides who gets in */
  identity: 'accounts' | 'access'
  principal: Pick<Principal, 'userId' | 'name' | 'email' | 'role' | 'via' | 'groups'> | null
  /** behind Access, why nobody is signed in (Access not configured, no or a bad token), for the console to say */
  accessProblem?: string
}

export async function getSessionState(platform: Platform, request: Request): Promise<SessionState> {
  const accounts = platform.identity.kind === 'accounts'
  let accessProblem: string | undefined
  const [setup, principal] = await Promise.all([
    accounts ? needsSetup(platform.db) : false,
    platform.identity.authenticate(request).catch((error: unknown) => {
      if (!accounts && error instanceof AppError) accessProblem = error.message
      return null
    }),
  ])
  return {
    needsSetup: setup,
    needsSetupCode: setup && platform.identity.setupCodeRequired === true,
    identity: platform.identity.kind,
    principal: principal
      ? { userId: principal.userId, name: principal.name, email: principal.email, role: principal.role, via: principal.via, ...(principal.groups ? { groups: principal.groups } : {}) }
      : null,
    ...(accessProblem === undefined ? {} : { accessProblem }),
  }
}
