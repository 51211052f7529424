import { and, eq, notExists } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { member, user } from '~/db/schema'

/** Deletes `email`'s account if it has no membership: a sign-up that failed half-way. */
export async function deleteOrphanUser(db: Database, email: string) {
  await db
    .delete(user)
    .where(and(eq(user.email, email), notExists(db.select({ one: member.userId }).from(member).where(eq(member.userId, user.id)))))
}
