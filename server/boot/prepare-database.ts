// What both targets do to a migrated database before serving: the data steps, then bringing
// the organization in line with configuration.
import type { Database } from '~/db/database'
import type { Logger } from '../observability/logger'
import { seedOrganization, syncOrganization, type OrganizationSeed } from '../organization/organization'
import { runDataMigrations, type DataMigration } from './data-migrations'

const dataMigrations: DataMigration<{ org: OrganizationSeed; now: number }>[] = [
  { name: '0001_seed_organization', run: (db, { org, now }) => seedOrganization(db, org, now) },
]

export async function prepareDatabase(db: Database, org: OrganizationSeed, now: number, log: Logger) {
  await runDataMigrations(db, dataMigrations, { org, now }, now, log)
  await syncOrganization(db, org, now, log)
}
