import { and, eq, notExists } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { member, user } from '~/db/schema'

/** Deletes account `userId` if it has no membership: a sign-up that failed half-way. */
export async function deleteOrphanUser(db: Database, userId: string) {
  await db
    .delete(user)
    .where(and(eq(user.id, userId), notExists(db.select({ one: member.userId }).from(member).where(eq(member.userId, user.id)))))
}
