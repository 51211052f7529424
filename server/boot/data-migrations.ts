// One-shot data steps that run after the schema migrations, each recorded once in the
// `data_migration` ledger. Steps must be idempotent: two processes may race to run one.
import { dataMigration } from '~/db/schema'
import type { Database } from '~/db/database'
import type { Logger } from '../observability/logger'

export type DataMigration<TContext> = {
  name: string
  run: (db: Database, context: TContext) => Promise<void>
}

export async function runDataMigrations<TContext>(
  db: Database,
  migrations: DataMigration<TContext>[],
  context: TContext,
  now: number,
  log: Logger,
) {
  const done = new Set((await db.select({ name: dataMigration.name }).from(dataMigration)).map((r) => r.name))
  for (const migration of migrations) {
    if (done.has(migration.name)) continue
    await migration.run(db, context)
    await db
      .insert(dataMigration)
      .values({ name: migration.name, appliedAt: new Date(now) })
      .onConflictDoNothing()
    log.info('data migration applied', { name: migration.name })
  }
}
