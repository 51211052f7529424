// The owner claim: the first sign-up on a fresh Executor becomes its owner. A claim is
// one conditional UPDATE on the organization row, so of N simultaneous sign-ups exactly one
// holds it; the others are refused before any user row is written. The claim records the
// sign-up attempt that holds it, not an email, so a failed attempt can only give back its own.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { member, organization } from '~/db/schema'
import { AppError } from '../http/app-error'
import { countOwners } from '../members/members'

const noOwner = sql`NOT EXISTS (SELECT 1 FROM ${member} WHERE ${member.role} = 'owner')`

export async function needsSetup(db: Database): Promise<boolean> {
  return (await countOwners(db)) === 0
}

export async function isClaimInProgress(db: Database): Promise<boolean> {
  const row = await db.select({ id: organization.id }).from(organization).where(and(isNotNull(organization.ownerClaimedBy), noOwner)).get()
  return row !== undefined
}

/** Takes the claim for sign-up attempt `attemptId`; the organization id the owner joins. */
export async function claimOwnership(db: Database, attemptId: string): Promise<string> {
  const rows = await db
    .update(organization)
    .set({ ownerClaimedBy: attemptId })
    .where(and(isNull(organization.ownerClaimedBy), noOwner))
    .returning({ id: organization.id })
  const id = rows[0]?.id
  if (!id) throw claimTaken()
  return id
}

/** Gives the claim back when attempt `attemptId` failed after taking it. */
export async function releaseOwnership(db: Database, attemptId: string) {
  await db.update(organization).set({ ownerClaimedBy: null }).where(and(eq(organization.ownerClaimedBy, attemptId), noOwner))
}

/** At boot no sign-up is in flight, so a claim without an owner is one a crash left behind. */
export async function releaseStaleClaims(db: Database) {
  await db.update(organization).set({ ownerClaimedBy: null }).where(and(isNotNull(organization.ownerClaimedBy), noOwner))
}

export function claimTaken(): AppError {
  return new AppError('CONFLICT', 'This Executor already has an owner (or one is being set up right now); sign in instead')
}
