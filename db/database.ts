import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type * as schema from './schema'

/**
 * The Drizzle type both db/libsql.ts and db/d1.ts return; domain code only sees this. `batch`
 * runs its statements as one transaction on both (libSQL's batch, D1's batch): D1 has no
 * interactive transactions, so writes that must land together go through it.
 */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema> & Pick<LibSQLDatabase<typeof schema>, 'batch'>
