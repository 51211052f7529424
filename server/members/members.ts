// Members and roles: admins manage members; only owners touch owners and admins; the
// last owner can be neither demoted nor removed. Each rule that protects the last owner is part
// of the single UPDATE/DELETE statement, so two concurrent changes cannot both slip past it.
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { Role } from '~/db/enums'
import { connection, member, user } from '~/db/schema'
import { verifiedKeys } from '../api-keys/verified-key-cache'
import { actorOf, recordAudit } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { hasRole } from '../auth/principal'
import { AppError } from '../http/app-error'
import { mayManage } from './member.schema'

export type MemberView = { userId: string; name: string; email: string; role: Role; joinedAt: string; isYou: boolean }

export async function listMembers(db: Database, actor: Principal): Promise<MemberView[]> {
  requireAdmin(actor)
  const rows = await db
    .select({ userId: member.userId, role: member.role, createdAt: member.createdAt, name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .orderBy(asc(member.createdAt))
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    role: r.role,
    joinedAt: r.createdAt.toISOString(),
    isYou: r.userId === actor.userId,
  }))
}

export async function getRole(db: Database, userId: string): Promise<Role | undefined> {
  const row = await db.select({ role: member.role }).from(member).where(eq(member.userId, userId)).get()
  return row?.role
}

export async function addMember(db: Database, userId: string, organizationId: string, role: Role, now: number) {
  await db.insert(member).values({ userId, organizationId, role, createdAt: new Date(now) })
}

export async function countOwners(db: Database): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(member).where(eq(member.role, 'owner')).get()
  return row?.n ?? 0
}

const moreThanOneOwner = sql`(SELECT count(*) FROM ${member} WHERE ${member.role} = 'owner') > 1`

export async function changeRole(db: Database, actor: Principal, userId: string, role: Role): Promise<MemberView> {
  requireAdmin(actor)
  const current = await getRole(db, userId)
  if (!current) throw new AppError('NOT_FOUND', 'No such member')
  if (current !== role) {
    assertMayManage(actor, current, role)
    // The permission check above judged the role as read; the UPDATE applies only if it is
    // still that role, so a change made in between (say, a promotion to owner) is never
    // overwritten by someone who may not touch the new role.
    const result = await db
      .update(member)
      .set({ role })
      .where(and(eq(member.userId, userId), eq(member.role, current), current === 'owner' ? moreThanOneOwner : undefined))
      .returning({ userId: member.userId })
    if (result.length === 0) {
      if ((await getRole(db, userId)) !== current) {
        throw new AppError('CONFLICT', "Someone else changed this member's role just now; reload and try again")
      }
      throw new AppError('CONFLICT', 'The last owner cannot be demoted; make someone else an owner first')
    }
    verifiedKeys(db).forgetUser(userId)
  }
  const view = (await listMembers(db, actor)).find((m) => m.userId === userId)
  if (!view) throw new AppError('NOT_FOUND', 'No such member')
  if (current !== role) {
    await recordAudit(db, actorOf(actor), {
      action: 'member.role_changed',
      target: { type: 'member', id: userId, label: view.email },
      details: { from: current, to: role },
    })
  }
  return view
}

/** Removes the person from the organization by deleting their account, sessions, keys and personal connections. */
export async function removeMember(db: Database, actor: Principal, userId: string): Promise<void> {
  requireAdmin(actor)
  const current = await getRole(db, userId)
  if (!current) throw new AppError('NOT_FOUND', 'No such member')
  assertMayManage(actor, current, undefined)
  const isOwner = sql`EXISTS (SELECT 1 FROM ${member} WHERE ${member.userId} = ${userId} AND ${member.role} = 'owner')`
  const result = await db
    .delete(user)
    .where(and(eq(user.id, userId), sql`(NOT ${isOwner} OR ${moreThanOneOwner})`))
    .returning({ id: user.id, email: user.email, name: user.name })
  const removed = result[0]
  if (!removed) {
    throw new AppError('CONFLICT', 'The last owner cannot be removed; make someone else an owner first')
  }
  // Their personal connections go with them (the column holds no foreign key: on the Worker
  // owners are Access subjects, not user rows).
  await db.delete(connection).where(and(eq(connection.scope, 'user'), eq(connection.ownerId, userId)))
  verifiedKeys(db).forgetUser(userId)
  await recordAudit(db, actorOf(actor), {
    action: 'member.removed',
    target: { type: 'member', id: userId, label: removed.email },
    details: { name: removed.name, role: current },
  })
}

function requireAdmin(actor: Principal) {
  if (!hasRole(actor.role, 'admin')) throw new AppError('FORBIDDEN', 'Only owners and admins can manage members')
}

function assertMayManage(actor: Principal, current: Role, next: Role | undefined) {
  if (mayManage(actor.role, current, next)) return
  if (current !== 'member') {
    throw new AppError('FORBIDDEN', `Only an owner can change or remove ${current === 'owner' ? 'an owner' : 'an admin'}`)
  }
  throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner')
}
