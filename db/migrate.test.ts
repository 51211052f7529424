import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { applySchemaMigrations } from './migrate'
import { schemaMigrations } from './migrations'

test('bundles every committed migration with its statements', () => {
  expect(schemaMigrations.map((m) => m.tag)).toContain('0000_init')
  expect(schemaMigrations[0]?.statements.length).toBeGreaterThan(1)
})

test('applies pending migrations once and records them in drizzle’s ledger', async () => {
  const { client } = await tempDatabase({ migrate: false })
  expect(await applySchemaMigrations(client, schemaMigrations)).toEqual(schemaMigrations.map((m) => m.tag))
  expect(await applySchemaMigrations(client, schemaMigrations)).toEqual([])
  const ledger = await client.execute('SELECT hash, created_at FROM __drizzle_migrations')
  expect(ledger.rows).toHaveLength(schemaMigrations.length)
  expect(String(ledger.rows[0]?.hash)).toMatch(/^[0-9a-f]{64}$/)
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
  expect(tables.rows.map((r) => r.name)).toEqual(
    expect.arrayContaining(['organization', 'setting', 'data_migration']),
  )
})

test('a failing migration leaves nothing half-applied', async () => {
  const { client } = await tempDatabase({ migrate: false })
  const broken = [
    ...schemaMigrations,
    { tag: '9999_broken', when: Number.MAX_SAFE_INTEGER, sql: '', statements: ['CREATE TABLE extra (id text)', 'NOT SQL'] },
  ]
  await expect(applySchemaMigrations(client, broken)).rejects.toThrow()
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('extra', 'organization')")
  expect(tables.rows).toEqual([])
})

test('opens the file in WAL mode with foreign keys and a busy timeout', async () => {
  const { client } = await tempDatabase()
  expect((await client.execute('PRAGMA journal_mode')).rows[0]?.journal_mode).toBe('wal')
  expect((await client.execute('PRAGMA foreign_keys')).rows[0]?.foreign_keys).toBe(1)
  expect((await client.execute('PRAGMA busy_timeout')).rows[0]?.timeout).toBe(5000)
})
