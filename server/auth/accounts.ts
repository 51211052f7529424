// Better Auth for the container target, on our Drizzle schema and the process's one
// libSQL client. Its standard email endpoints stay as they are under /api/auth; our rules ride
// on its hooks: the owner claim, invite-only sign-up, the password rule and sign-in lockout.
import { betterAuth } from 'better-auth'
import { drizzleAdapter } from 'better-auth/adapters/drizzle'
import { APIError, createAuthMiddleware } from 'better-auth/api'
import { defineRequestState } from '@better-auth/core/context'
import type { Database } from '~/db/database'
import { account, session, user, verification } from '~/db/schema'
import { AppError, type ErrorCode } from '../http/app-error'
import { CLIENT_IP_HEADER } from '../http/client-ip'
import { completeInvite, describeInvite, inviteUnusable, releaseInvite, takeInvite } from '../invites/invites'
import { addMember } from '../members/members'
import type { Logger } from '../observability/logger'
import { verifiedKeys } from '../api-keys/verified-key-cache'
import { createFailureLimiter } from './failure-limiter'
import { claimOwnership, claimTaken, isClaimInProgress, needsSetup, releaseOwnership } from './owner-claim'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password.schema'
import { deleteOrphanUser } from './orphans'
import { SETUP_CODE_HEADER, setupCodeMatches } from './setup-code'
import { randomToken } from '../crypto/tokens'

/** The header a /join sign-up carries its invite code in. */
export const INVITE_HEADER = 'x-executor-invite'

/** Better Auth's verification identifier for a password reset token: this prefix, then the token. */
export const RESET_IDENTIFIER_PREFIX = 'reset-password:'
/** How long an owner's password reset link works. */
export const RESET_LINK_TTL_SECONDS = 60 * 60
const PASSWORD_PATHS = new Set(['/change-password', '/reset-password', '/request-password-reset', '/set-password'])

const SIGN_IN_FAILURES = { limit: 5, windowMs: 15 * 60 * 1000 }
const SIGN_IN_FAILURES_PER_IP = { limit: 30, windowMs: 15 * 60 * 1000 }

// What one sign-up call took, so that if it fails it gives back exactly that: its own claim,
// its own invite, its own half-made account. Keying the cleanup by the email in the body would
// let a second submit with the same email undo the first one's success. Better Auth keeps this
// state per call (one AsyncLocalStorage scope spans its hooks and database hooks).
type SignUpAttempt = { id: string; claimed?: boolean; inviteId?: string; userId?: string }
const signUpAttempt = defineRequestState<SignUpAttempt>(() => ({ id: randomToken(16) }))

export type AccountsDeps = {
  db: Database
  organizationId: string
  secret: string
  publicOrigin: string
  /** the public origin and any other origin browsers may sign in from (loopback spellings locally) */
  trustedOrigins: readonly string[]
  log: Logger
  now: () => number
  /** set while the owner claim needs the one-time setup code (server/auth/setup-code.ts) */
  setupCode?: string
}

export function createAccounts(deps: AccountsDeps) {
  const { db, log, now } = deps
  const perAccount = createFailureLimiter(SIGN_IN_FAILURES)
  const perIp = createFailureLimiter(SIGN_IN_FAILURES_PER_IP)
  const inviteCode = (headers: Headers | undefined) => headers?.get(INVITE_HEADER)?.trim() || undefined

  return betterAuth({
    appName: 'Executor',
    baseURL: deps.publicOrigin,
    basePath: '/api/auth',
    secret: deps.secret,
    trustedOrigins: [...deps.trustedOrigins],
    telemetry: { enabled: false },
    logger: {
      log: (level, message) => log[level]('better-auth', { detail: message }),
    },
    // Interactive transactions on a pooled local libSQL client would make a concurrent writer
    // wait synchronously on the event loop; every write here is a single statement instead.
    database: drizzleAdapter(db, { provider: 'sqlite', schema: { user, session, account, verification }, transaction: false }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // A reset link an owner issued (./passwords.ts) signs the member out everywhere.
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: RESET_LINK_TTL_SECONDS,
    },
    // Reset tokens are stored as their SHA-256, so a copy of the database opens no account.
    verification: { storeIdentifier: { default: 'plain', overrides: { [RESET_IDENTIFIER_PREFIX]: 'hashed' } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      window: 10,
      max: 100,
      // Sign-in is limited on failures only (below); sign-up by volume.
      customRules: { '/sign-in/email': false, '/sign-up/email': { window: 60, max: 30 } },
    },
    advanced: {
      useSecureCookies: deps.publicOrigin.startsWith('https://'),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-up/email') {
          const body = ctx.body as { password?: unknown }
          const problem = typeof body.password === 'string' ? passwordProblem(body.password) : undefined
          if (problem) throw new APIError('BAD_REQUEST', { code: 'WEAK_PASSWORD', message: problem })
          const code = inviteCode(ctx.headers)
          if (code) {
            const invite = await describeInvite(db, code, now())
            if (invite.status !== 'valid') throw toApiError(inviteUnusable(invite.status))
          } else if (!(await needsSetup(db))) {
            throw new APIError('FORBIDDEN', {
              code: 'INVITE_REQUIRED',
              message: 'Sign-up needs an invite link from an owner or admin of this Executor',
            })
          } else {
            if (deps.setupCode !== undefined) requireSetupCode(deps.setupCode, ctx.headers)
            if (await isClaimInProgress(db)) throw toApiError(claimTaken())
          }
        }
        if (PASSWORD_PATHS.has(ctx.path)) {
          // Only through /api/account/*, which audits the change; never straight from a browser.
          if (ctx.request) throw new APIError('NOT_FOUND', { code: 'NOT_FOUND', message: 'Change passwords through /api/account/password or a reset link' })
          const body = ctx.body as { newPassword?: unknown }
          const problem = typeof body.newPassword === 'string' ? passwordProblem(body.newPassword) : undefined
          if (problem) throw new APIError('BAD_REQUEST', { code: 'WEAK_PASSWORD', message: problem })
        }
        if (ctx.path === '/sign-in/email') {
          const wait = Math.max(...signInKeys(ctx).map(([limiter, key]) => limiter.blockedFor(key, now())))
          if (wait > 0) {
            const minutes = Math.ceil(wait / 60_000)
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}` },
              { 'retry-after': String(Math.ceil(wait / 1000)) },
            )
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const failed = isFailure(ctx.context.returned)
        if (ctx.path === '/sign-in/email') {
          for (const [limiter, key] of signInKeys(ctx)) {
            if (failed) limiter.recordFailure(key, now())
            else if (limiter === perAccount) limiter.reset(key)
          }
        }
        if (ctx.path === '/sign-up/email' && failed) {
          // Give back what this sign-up took, and leave no account without a membership.
          const attempt = await signUpAttempt.get()
          if (attempt.inviteId) await releaseInvite(db, attempt.inviteId)
          if (attempt.claimed) await releaseOwnership(db, attempt.id)
          if (attempt.userId) await deleteOrphanUser(db, attempt.userId)
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (newUser, ctx) => {
            const code = inviteCode(ctx?.headers)
            const attempt = await signUpAttempt.get()
            try {
              if (code) attempt.inviteId = (await takeInvite(db, code, newUser.email, now())).id
              else {
                await claimOwnership(db, attempt.id)
                attempt.claimed = true
              }
            } catch (error) {
              throw error instanceof AppError ? toApiError(error) : error
            }
          },
          after: async (created) => {
            const attempt = await signUpAttempt.get()
            attempt.userId = created.id
            const role = attempt.inviteId ? await completeInvite(db, attempt.inviteId, created.id) : 'owner'
            if (!role) throw new APIError('CONFLICT', { message: 'The invite was taken by another sign-up' })
            await addMember(db, created.id, deps.organizationId, role, now())
            log.info('account created', { userId: created.id, role })
          },
        },
        // API keys carry their owner's name and email from the key cache: forget them on change.
        update: { after: async (updated) => verifiedKeys(db).forgetUser(updated.id) },
        delete: { after: async (deleted) => verifiedKeys(db).forgetUser(deleted.id) },
      },
    },
  })

  function signInKeys(ctx: { body?: unknown; headers?: Headers }) {
    const ip = ctx.headers?.get(CLIENT_IP_HEADER) ?? 'unknown'
    return [
      [perAccount, `${ip}|${emailOf(ctx.body) ?? ''}`],
      [perIp, ip],
    ] as const
  }
}

export type Accounts = ReturnType<typeof createAccounts>

function requireSetupCode(expected: string, headers: Headers | undefined) {
  const given = headers?.get(SETUP_CODE_HEADER)
  if (!given?.trim()) {
    throw new APIError('FORBIDDEN', {
      code: 'SETUP_CODE_REQUIRED',
      message: 'Creating the owner account needs the setup code that Executor printed to its log when it started',
    })
  }
  if (!setupCodeMatches(expected, given)) {
    throw new APIError('FORBIDDEN', {
      code: 'SETUP_CODE_INVALID',
      message: 'That setup code is not right; copy it from the latest "setup code" line in the Executor log (it changes at every restart)',
    })
  }
}

function emailOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('email' in body)) return undefined
  return typeof body.email === 'string' ? body.email.trim().toLowerCase() : undefined
}

function isFailure(returned: unknown): boolean {
  if (returned instanceof APIError) return true
  return returned instanceof Response && returned.status >= 400
}

const apiStatus: Partial<Record<ErrorCode, ConstructorParameters<typeof APIError>[0]>> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
}

function toApiError(error: AppError) {
  return new APIError(apiStatus[error.code] ?? 'BAD_REQUEST', { code: error.code, message: error.message })
}
