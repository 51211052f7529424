// The container's database: one libSQL client per file for the whole process (two clients on
// one WAL file risk lost writes), with a busy timeout so concurrent writers wait, not fail.
import { createClient, type Client } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import type { Database } from './database'
import * as schema from './schema'

export type LibsqlDatabase = { db: Database; client: Client; close: () => void }

/** How long opening a file waits for other processes to let it switch the file to WAL. */
const WAL_SWITCH_WAIT_MS = 10_000

export async function openLibsql(path: string): Promise<LibsqlDatabase> {
  const client = createClient({ url: `file:${path}`, timeout: 5_000 })
  // WAL is stored in the file, so setting it once per open is enough for every pooled
  // connection; libSQL turns foreign keys on for each connection by itself.
  await useWriteAheadLog(client)
  await client.execute('PRAGMA synchronous = NORMAL')
  const db = drizzle(client, { schema })
  return { db, client, close: () => client.close() }
}

/**
 * Switching a file to WAL needs the file to itself. While another connection holds a write lock,
 * SQLite answers SQLITE_BUSY at once rather than wait (waiting could deadlock), the busy timeout
 * notwithstanding: two processes booting on one fresh file run into that. So ask again, with a
 * growing pause, until the other is done.
 */
async function useWriteAheadLog(client: Client): Promise<void> {
  const giveUpAt = Date.now() + WAL_SWITCH_WAIT_MS
  for (let pauseMs = 5; ; pauseMs = Math.min(2 * pauseMs, 200)) {
    try {
      await client.execute('PRAGMA journal_mode = WAL')
      return
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= giveUpAt) throw error
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  }
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
