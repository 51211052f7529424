// A real libSQL file per test: tests never mock our own database.
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { applySchemaMigrations } from '~/db/migrate'
import { schemaMigrations } from '~/db/migrations'
import { openLibsql, type LibsqlDatabase } from '~/db/libsql'
import { removeTempDirs, tempDir } from './harness/paths'

const open: LibsqlDatabase[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
  removeTempDirs()
})

/** A fresh database file, migrated unless `migrate: false`. */
export async function tempDatabase(options: { migrate?: boolean; path?: string } = {}) {
  let path = options.path
  if (path === undefined) path = join(tempDir('executor-db-'), 'data.db')
  const database = await openLibsql(path)
  open.push(database)
  if (options.migrate !== false) await applySchemaMigrations(database.client, schemaMigrations)
  return { ...database, path }
}
