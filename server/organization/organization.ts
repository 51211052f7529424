import { eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { organization } from '~/db/schema'
import type { Logger } from '../observability/logger'

export type OrganizationSeed = { id: string; name: string; slug: string }

/** Creates the single organization unless one exists; one statement, so concurrent boots agree. */
export async function seedOrganization(db: Database, seed: OrganizationSeed, now: number) {
  await db.run(sql`
    INSERT INTO ${organization} (id, name, slug, created_at, updated_at)
    SELECT ${seed.id}, ${seed.name}, ${seed.slug}, ${now}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM ${organization})`)
}

export async function getOrganization(db: Database) {
  return db.query.organization.findFirst()
}

/**
 * Applies a changed EXECUTOR_ORG_NAME / _SLUG to the stored organization: configuration is the
 * source of truth for the org's name and slug, and the operator is told in one log line.
 */
export async function syncOrganization(
  db: Database,
  wanted: { name: string; slug: string },
  now: number,
  log: Logger,
) {
  const current = await getOrganization(db)
  if (!current || (current.name === wanted.name && current.slug === wanted.slug)) return
  await db
    .update(organization)
    .set({ name: wanted.name, slug: wanted.slug, updatedAt: new Date(now) })
    .where(eq(organization.id, current.id))
  log.info('organization updated from configuration', {
    from: { name: current.name, slug: current.slug },
    to: wanted,
  })
}
