// The container's database: one libSQL client per file for the whole process (two clients on
// one WAL file risk lost writes), with a busy timeout so concurrent writers wait, not fail.
import { createClient, type Client } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import type { Database } from './database'
import * as schema from './schema'

export type LibsqlDatabase = { db: Database; client: Client; close: () => void }

export async function openLibsql(path: string): Promise<LibsqlDatabase> {
  const client = createClient({ url: `file:${path}`, timeout: 5_000 })
  // WAL is stored in the file, so setting it once per open is enough for every pooled
  // connection; libSQL turns foreign keys on for each connection by itself.
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute('PRAGMA synchronous = NORMAL')
  const db = drizzle(client, { schema })
  return { db, client, close: () => client.close() }
}

/**
 * A private in-memory database with the schema applied, for boot-time warm-up runs that must
 * leave no trace. Statements run one by one on the one connection: libSQL gives a transaction a
 * connection of its own, which for `:memory:` would be a different, empty database.
 */
export async function openScratchLibsql(migrations: readonly { statements: string[] }[]): Promise<LibsqlDatabase> {
  const client = createClient({ url: ':memory:' })
  for (const migration of migrations) for (const statement of migration.statements) await client.execute(statement)
  const db = drizzle(client, { schema })
  return { db, client, close: () => client.close() }
}
