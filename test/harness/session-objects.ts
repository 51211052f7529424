// What `wrangler dev --persist-to DIR` keeps of the MCP session Durable Objects: one SQLite file per
// object under DIR/v3/do/<worker>-McpSessionObject/, created when the object is first reached, with
// the name it was addressed by (its session id) in miniflare's `__miniflare_do_name` table and the
// object's key-value storage in workerd's `_cf_KV` table. Read with libSQL while the Worker runs.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@libsql/client'

function objectDir(persistDir: string) {
  return join(persistDir, 'v3/do/executor-McpSessionObject')
}

/** The object files: one per session object ever reached. */
export function sessionObjectFiles(persistDir: string): string[] {
  const dir = objectDir(persistDir)
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
}

async function query<T>(file: string, sql: string): Promise<T[]> {
  const client = createClient({ url: `file:${file}` })
  try {
    return (await client.execute(sql)).rows as T[]
  } catch (error) {
    // A table the object has not created yet reads as empty.
    if (String(error).includes('no such table')) return []
    throw error
  } finally {
    client.close()
  }
}

/**
 * The keys in the storage of the object addressed by `sessionId`: none for an object never
 * reached, or whose storage was deleted (workerd then removes its database, name and all).
 */
export async function sessionObjectKeys(persistDir: string, sessionId: string): Promise<string[]> {
  for (const name of sessionObjectFiles(persistDir)) {
    const file = join(objectDir(persistDir), name)
    const named = await query<{ name: string }>(file, 'SELECT name FROM __miniflare_do_name')
    if (!named.some((row) => row.name === sessionId)) continue
    const rows = await query<{ key: string }>(file, 'SELECT key FROM _cf_KV ORDER BY key')
    return rows.map((row) => row.key)
  }
  return []
}
