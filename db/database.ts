import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from './schema'

/** The Drizzle type both db/libsql.ts and db/d1.ts return; domain code only sees this. */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema>
