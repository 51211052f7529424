// Single-use invite links. The code is 256 random bits shown once; only its SHA-256
// is stored. A sign-up takes the invite with one conditional UPDATE, so of two concurrent
// joins with one code exactly one wins.
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Database } from '~/db/database'
import type { Role } from '~/db/enums'
import { invite, organization, user } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { newId, randomToken, sha256Hex } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import type { CreateInviteInput } from './invite.schema'

const DAY_MS = 24 * 60 * 60 * 1000

export type InviteStatus = 'unused' | 'used' | 'expired' | 'revoked'

export type InviteView = {
  id: string
  role: Role
  label: string | null
  status: InviteStatus
  createdBy: string | null
  createdAt: string
  expiresAt: string | null
  usedBy: { name: string; email: string } | null
  usedAt: string | null
}

export type CreatedInvite = { invite: InviteView; code: string; url: string }

export async function createInvite(
  db: Database,
  actor: Principal,
  input: CreateInviteInput,
  publicOrigin: string,
  now: number,
): Promise<CreatedInvite> {
  requireAdmin(actor)
  const code = randomToken(32)
  const id = newId('inv')
  await db.insert(invite).values({
    id,
    codeHash: await sha256Hex(code),
    role: input.role,
    label: input.label || null,
    createdBy: actor.userId,
    createdAt: new Date(now),
    expiresAt: input.expiresInDays ? new Date(now + input.expiresInDays * DAY_MS) : null,
  })
  const view = (await listInvites(db, actor, now)).find((i) => i.id === id)
  if (!view) throw new Error('created invite not found')
  // The code is the credential: only its role, label and expiry are recorded.
  await recordAudit(db, actorOf(actor), {
    action: 'invite.created',
    target: { type: 'invite', id, label: view.label ?? '' },
    details: { role: view.role, expiresAt: view.expiresAt },
  }, now)
  return { invite: view, code, url: `${publicOrigin}/join/${code}` }
}

const creator = alias(user, 'creator')
const joiner = alias(user, 'joiner')

export async function listInvites(db: Database, actor: Principal, now: number): Promise<InviteView[]> {
  requireAdmin(actor)
  const rows = await db
    .select({ invite, creatorName: creator.name, joinerName: joiner.name, joinerEmail: joiner.email })
    .from(invite)
    .leftJoin(creator, eq(creator.id, invite.createdBy))
    .leftJoin(joiner, eq(joiner.id, invite.usedBy))
    .orderBy(desc(invite.createdAt))
  return rows.map(({ invite: row, creatorName, joinerName, joinerEmail }) => ({
    id: row.id,
    role: row.role,
    label: row.label,
    status: statusOf(row, now),
    createdBy: creatorName,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    usedBy: row.usedBy && joinerName && joinerEmail ? { name: joinerName, email: joinerEmail } : null,
    usedAt: row.usedBy ? (row.usedAt?.toISOString() ?? null) : null,
  }))
}

export async function revokeInvite(db: Database, actor: Principal, id: string, now: number): Promise<void> {
  requireAdmin(actor)
  const result = await db
    .update(invite)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(invite.id, id), isNull(invite.usedAt), isNull(invite.revokedAt)))
    .returning({ id: invite.id, label: invite.label, role: invite.role })
  const revoked = result[0]
  if (revoked) {
    await recordAudit(db, actorOf(actor), {
      action: 'invite.revoked',
      target: { type: 'invite', id, label: revoked.label ?? '' },
      details: { role: revoked.role },
    }, now)
    return
  }
  const existing = await db.select({ id: invite.id }).from(invite).where(eq(invite.id, id)).get()
  if (!existing) throw new AppError('NOT_FOUND', 'No such invite')
  throw new AppError('CONFLICT', 'Only unused invites can be revoked')
}

export type InviteDescription =
  | { status: 'valid'; role: Role; label: string | null; invitedBy: string | null; organization: string; expiresAt: string | null }
  | { status: 'used' | 'expired' | 'revoked' | 'unknown' }

/** What the /join page shows to whoever holds the code (no sign-in needed). */
export async function describeInvite(db: Database, code: string, now: number): Promise<InviteDescription> {
  const row = await db
    .select({ invite, invitedBy: creator.name, organization: organization.name })
    .from(invite)
    .leftJoin(creator, eq(creator.id, invite.createdBy))
    .leftJoin(organization, sql`1 = 1`)
    .where(eq(invite.codeHash, await sha256Hex(code)))
    .get()
  if (!row) return { status: 'unknown' }
  const status = statusOf(row.invite, now)
  if (status !== 'unused') return { status }
  return {
    status: 'valid',
    role: row.invite.role,
    label: row.invite.label,
    invitedBy: row.invitedBy,
    organization: row.organization ?? 'Executor',
    expiresAt: row.invite.expiresAt?.toISOString() ?? null,
  }
}

/** Takes the invite for `email`'s sign-up; its id and role. Throws when it is not (or no longer) usable. */
export async function takeInvite(db: Database, code: string, email: string, now: number): Promise<{ id: string; role: Role }> {
  const codeHash = await sha256Hex(code)
  const taken = await db
    .update(invite)
    .set({ usedAt: new Date(now), usedByEmail: email })
    .where(
      and(
        eq(invite.codeHash, codeHash),
        isNull(invite.usedAt),
        isNull(invite.revokedAt),
        or(isNull(invite.expiresAt), gt(invite.expiresAt, new Date(now))),
      ),
    )
    .returning({ id: invite.id, role: invite.role })
  const row = taken[0]
  if (row) return row
  throw inviteUnusable((await describeInvite(db, code, now)).status)
}

// Completing and releasing go by the invite row the sign-up took (takeInvite's id), never by
// email: two sign-ups with one email must not complete or give back each other's invite.

/** Records who joined with invite `inviteId` once their account exists. */
export async function completeInvite(db: Database, inviteId: string, userId: string) {
  const rows = await db
    .update(invite)
    .set({ usedBy: userId })
    .where(and(eq(invite.id, inviteId), isNull(invite.usedBy)))
    .returning({ role: invite.role })
  return rows[0]?.role
}

/** Gives back invite `inviteId` when the sign-up that took it failed. */
export async function releaseInvite(db: Database, inviteId: string) {
  await db
    .update(invite)
    .set({ usedAt: null, usedByEmail: null })
    .where(and(eq(invite.id, inviteId), isNull(invite.usedBy)))
}

export function inviteUnusable(status: InviteDescription['status']): AppError {
  switch (status) {
    case 'used':
      return new AppError('CONFLICT', 'This invite has already been used; ask for a new one')
    case 'expired':
      return new AppError('GONE', 'This invite has expired; ask for a new one')
    case 'revoked':
      return new AppError('GONE', 'This invite was revoked; ask for a new one')
    default:
      return new AppError('NOT_FOUND', 'This invite link is not valid; check that you copied all of it')
  }
}

function statusOf(row: { usedBy: string | null; usedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null }, now: number): InviteStatus {
  if (row.usedAt) return 'used'
  if (row.revokedAt) return 'revoked'
  if (row.expiresAt && row.expiresAt.getTime() <= now) return 'expired'
  return 'unused'
}

function requireAdmin(actor: Principal) {
  if (!hasRole(actor.role, 'admin')) throw new AppError('FORBIDDEN', 'Only owners and admins can manage invites')
}
