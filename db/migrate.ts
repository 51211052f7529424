// Applies the bundled schema migrations to a libSQL file. Uses drizzle's ledger table and
// hashing so `drizzle-kit migrate` agrees with it, but reads the ledger inside a write
// transaction (BEGIN IMMEDIATE): two processes booting on one file cannot both apply.
import type { Client } from '@libsql/client'
import { sha256Hex } from '../server/crypto/tokens'
import type { SchemaMigration } from './migrations'

const LEDGER = '__drizzle_migrations'

export async function applySchemaMigrations(client: Client, migrations: SchemaMigration[]) {
  await client.execute(
    `CREATE TABLE IF NOT EXISTS ${LEDGER} (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)`,
  )
  const tx = await client.transaction('write')
  try {
    const last = await tx.execute(`SELECT created_at FROM ${LEDGER} ORDER BY created_at DESC LIMIT 1`)
    const lastWhen = Number(last.rows[0]?.created_at ?? -1)
    const pending = migrations.filter((m) => m.when > lastWhen)
    for (const migration of pending) {
      for (const statement of migration.statements) await tx.execute(statement)
      await tx.execute({
        sql: `INSERT INTO ${LEDGER} (hash, created_at) VALUES (?, ?)`,
        args: [await sha256Hex(migration.sql), migration.when],
      })
    }
    await tx.commit()
    return pending.map((m) => m.tag)
  } finally {
    tx.close()
  }
}

