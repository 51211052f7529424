import type { D1Database } from '@cloudflare/workers-types'
import { drizzle } from 'drizzle-orm/d1'
import type { Database } from './database'
import * as schema from './schema'

/** The Worker's database: the same schema over the D1 binding. */
export function openD1(binding: D1Database): Database {
  return drizzle(binding, { schema })
}
