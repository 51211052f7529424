// The one Drizzle schema for both targets: libSQL in the container, D1 on the Worker (SPEC §1).
// Timestamps are integer epoch milliseconds so both drivers read them identically.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' })

/** The single organization (both targets are single-tenant). */
export const organization = sqliteTable('organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  metadata: text('metadata'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** Operator settings changed at run time (not env config): one JSON value per key. */
export const setting = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** Ledger of one-shot data migrations run after the schema migrations; each name runs once. */
export const dataMigration = sqliteTable('data_migration', {
  name: text('name').primaryKey(),
  appliedAt: timestamp('applied_at').notNull(),
})
