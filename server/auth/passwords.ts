// Passwords after sign-up: a person changes their own (the current one required; every other
// session of theirs signed out), and an owner issues a member a single-use reset link. There is
// no mail transport, so the link is handed to the owner once, to pass on; the token is kept only
// as Better Auth's hashed verification row, which its reset endpoint consumes.
import { eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { user } from '~/db/schema'
import { verifiedKeys } from '../api-keys/verified-key-cache'
import { actorOf, recordAudit } from '../audit/audit-log'
import { randomToken } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { getRole } from '../members/members'
import type { ChangePasswordInput } from './account.schema'
import type { Accounts } from './accounts'
import { RESET_IDENTIFIER_PREFIX, RESET_LINK_TTL_SECONDS } from './accounts'
import type { Platform } from '../platform/types'
import type { Principal } from './principal'

/** What the routes need of Better Auth for passwords (the container's Identity carries it). */
export interface PasswordOps {
  /** Better Auth's change-password for the session in `headers`, other sessions revoked; the response sets the new session cookie */
  change(headers: Headers, input: ChangePasswordInput): Promise<Response>
  /** stores a reset token for `userId` that works until `expiresAt` */
  storeResetToken(token: string, userId: string, expiresAt: Date): Promise<void>
  /** the user a reset token is for, while it is unused and unexpired */
  resetTokenUser(token: string): Promise<string | undefined>
  /** sets the password and consumes the token; every session of that user is signed out */
  reset(token: string, newPassword: string): Promise<Response>
}

export function createPasswordOps(accounts: Accounts): PasswordOps {
  const identifier = (token: string) => `${RESET_IDENTIFIER_PREFIX}${token}`
  return {
    change: (headers, input) =>
      accounts.api.changePassword({ body: { ...input, revokeOtherSessions: true }, headers, asResponse: true }),
    async storeResetToken(token, userId, expiresAt) {
      const context = await accounts.$context
      await context.internalAdapter.createVerificationValue({ identifier: identifier(token), value: userId, expiresAt })
    },
    async resetTokenUser(token) {
      const context = await accounts.$context
      const found = await context.internalAdapter.findVerificationValue(identifier(token))
      return found && found.expiresAt > new Date() ? found.value : undefined
    },
    reset: (token, newPassword) => accounts.api.resetPassword({ body: { token, newPassword }, asResponse: true }),
  }
}

/** The Set-Cookie headers of the new session, to hand back to the browser. */
export async function changeOwnPassword(
  db: Database,
  ops: PasswordOps,
  actor: Principal,
  request: Request,
  input: ChangePasswordInput,
  now: number,
): Promise<string[]> {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN', 'Change your password while signed in to the console, not with an API key')
  const answer = await ops.change(request.headers, input)
  if (!answer.ok) {
    const { code } = (await answer.json().catch(() => ({}))) as { code?: string }
    if (code === 'INVALID_PASSWORD') throw new AppError('BAD_REQUEST', 'Your current password is not right', { field: 'currentPassword' })
    throw new AppError('BAD_REQUEST', 'The password could not be changed; sign in again and retry')
  }
  await recordAudit(db, actorOf(actor), {
    action: 'account.password_changed',
    target: { type: 'account', id: actor.userId, label: actor.email },
    details: { how: 'changed by themselves', otherSessionsSignedOut: true },
  }, now)
  return answer.headers.getSetCookie()
}

export type IssuedResetLink = { url: string; expiresAt: string }

/** A single-use link that lets `userId` set a new password (owners only; not for themselves). */
export async function issuePasswordReset(
  db: Database,
  ops: PasswordOps,
  actor: Principal,
  userId: string,
  publicOrigin: string,
  now: number,
): Promise<IssuedResetLink> {
  if (actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only an owner can issue password reset links')
  if (userId === actor.userId) throw new AppError('BAD_REQUEST', 'Change your own password on your account page instead')
  const target = await db.select({ email: user.email }).from(user).where(eq(user.id, userId)).get()
  if (!target || !(await getRole(db, userId))) throw new AppError('NOT_FOUND', 'No such member')
  const token = randomToken(32)
  const expiresAt = new Date(now + RESET_LINK_TTL_SECONDS * 1000)
  await ops.storeResetToken(token, userId, expiresAt)
  await recordAudit(db, actorOf(actor), {
    action: 'account.password_reset_issued',
    target: { type: 'account', id: userId, label: target.email },
    details: { expiresAt: expiresAt.toISOString() },
  }, now)
  return { url: `${publicOrigin}/reset-password/${token}`, expiresAt: expiresAt.toISOString() }
}

/** Sets a new password through a reset link, which then stops working. */
export async function completePasswordReset(db: Database, ops: PasswordOps, token: string, newPassword: string, now: number): Promise<void> {
  const unusable = new AppError('GONE', 'This reset link was used already or has expired; ask an owner for a new one')
  const userId = await ops.resetTokenUser(token)
  if (!userId) throw unusable
  const answer = await ops.reset(token, newPassword)
  if (!answer.ok) throw unusable
  const person = await db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, userId)).get()
  await recordAudit(db, { id: userId, name: person?.name ?? '', email: person?.email ?? '' }, {
    action: 'account.password_changed',
    target: { type: 'account', id: userId, label: person?.email ?? '' },
    details: { how: 'reset link', otherSessionsSignedOut: true },
  }, now)
}

/** Renames the caller (the name shown in the console, the audit log and on API key principals). */
export async function changeOwnName(db: Database, actor: Principal, name: string, now: number): Promise<{ name: string }> {
  await db.update(user).set({ name, updatedAt: new Date(now) }).where(eq(user.id, actor.userId))
  // API keys carry their owner's name from the key cache.
  verifiedKeys(db).forgetUser(actor.userId)
  return { name }
}

/** Better Auth's password operations; in-app passwords exist only in the container. */
export function passwordsOf(platform: Platform): PasswordOps {
  const passwords = platform.identity.passwords
  if (!passwords) throw new AppError('NOT_FOUND', 'Not available here: this Executor signs people in through Cloudflare Access')
  return passwords
}
