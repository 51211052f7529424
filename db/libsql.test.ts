// Opening a file another connection is writing to in its old journal mode: the switch to WAL is
// answered SQLITE_BUSY at once, whatever the busy timeout, so opening must ask again. This is
// what two processes booting on one fresh data directory meet.
import { createClient } from '@libsql/client'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { removeTempDirs, tempDir } from '~/test/harness/paths'
import { openLibsql } from './libsql'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
  removeTempDirs()
})

test('opening waits for another connection that holds the fresh file for writing, then switches it to WAL', async () => {
  const path = join(tempDir('executor-libsql-'), 'data.db')
  const other = createClient({ url: `file:${path}` })
  closers.push(() => other.close())
  await other.execute('CREATE TABLE early (x)')
  const writing = await other.transaction('write')
  await writing.execute('INSERT INTO early VALUES (1)')
  // The writer finishes a little later, while the open below is already trying.
  const finished = new Promise<void>((resolve) =>
    setTimeout(() => {
      void writing.commit().then(() => {
        writing.close()
        resolve()
      })
    }, 100),
  )
  const opened = await openLibsql(path)
  closers.push(opened.close)
  await finished
  expect((await opened.client.execute('PRAGMA journal_mode')).rows[0]?.journal_mode).toBe('wal')
  expect((await opened.client.execute('SELECT x FROM early')).rows.map((row) => row.x)).toEqual([1])
})

test('an error other than a busy file is not retried', async () => {
  await expect(openLibsql(join(tempDir('executor-libsql-'), 'missing-dir', 'data.db'))).rejects.toThrow()
})
