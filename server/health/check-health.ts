import { sql } from 'drizzle-orm'
import type { Database } from '~/db/database'

export type Health = { status: 'ok' } | { status: 'degraded' }

/** `ok` when the database answers `SELECT 1`, else `degraded` (503). */
export async function checkHealth(db: Database): Promise<Health> {
  try {
    await db.get(sql`SELECT 1`)
    return { status: 'ok' }
  } catch {
    return { status: 'degraded' }
  }
}
