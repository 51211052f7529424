import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { member, organization, user } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { AppError } from '../http/app-error'
import type { Principal } from '../auth/principal'
import { changeRole, countOwners, removeMember } from './members'

async function twoOwners() {
  const { db } = await tempDatabase()
  const now = new Date()
  await db.insert(organization).values({ id: 'org', name: 'Org', slug: 'org', createdAt: now, updatedAt: now })
  for (const id of ['a', 'b']) {
    await db.insert(user).values({ id, name: id, email: `${id}@example.com`, createdAt: now, updatedAt: now })
    await db.insert(member).values({ userId: id, organizationId: 'org', role: 'owner', createdAt: now })
  }
  const owner = (id: string): Principal => ({ userId: id, name: id, email: `${id}@example.com`, role: 'owner', via: 'session' })
  return { db, a: owner('a'), b: owner('b') }
}

test('two owners demoting each other at the same moment: the guard keeps one owner', async () => {
  const { db, a, b } = await twoOwners()
  const results = await Promise.allSettled([changeRole(db, a, 'b', 'member'), changeRole(db, b, 'a', 'member')])
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const refused = results.find((r) => r.status === 'rejected')
  expect(refused?.status === 'rejected' && refused.reason instanceof AppError && refused.reason.code).toBe('CONFLICT')
  expect(await countOwners(db)).toBe(1)
})

test('two owners removing each other at the same moment: the guard keeps one owner', async () => {
  const { db, a, b } = await twoOwners()
  const results = await Promise.allSettled([removeMember(db, a, 'b'), removeMember(db, b, 'a')])
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  expect(await countOwners(db)).toBe(1)
})

test('a role change applies only to the role it was judged on: a promotion in between makes it 409', async () => {
  const { db, a } = await twoOwners()
  const now = new Date()
  for (const [id, role] of [['adm', 'admin'], ['m', 'member']] as const) {
    await db.insert(user).values({ id, name: id, email: `${id}@example.com`, createdAt: now, updatedAt: now })
    await db.insert(member).values({ userId: id, organizationId: 'org', role, createdAt: now })
  }
  const admin: Principal = { userId: 'adm', name: 'adm', email: 'adm@example.com', role: 'admin', via: 'session' }
  // The owner's promotion is written between the admin's read (member: theirs to manage) and
  // the admin's write; an unconditional write would turn the new owner into an admin.
  const [promotion, adminChange] = await Promise.allSettled([changeRole(db, a, 'm', 'owner'), changeRole(db, admin, 'm', 'admin')])
  expect(promotion.status).toBe('fulfilled')
  expect(adminChange.status === 'rejected' && adminChange.reason instanceof AppError && adminChange.reason.code).toBe('CONFLICT')
  expect(adminChange.status === 'rejected' && String(adminChange.reason.message)).toMatch(/changed this member's role/)
  const [row] = await db.select({ role: member.role }).from(member).where(eq(member.userId, 'm'))
  expect(row?.role).toBe('owner')
})
