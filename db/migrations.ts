// The committed drizzle-kit migrations, bundled into the server so the container needs no
// migrations folder at run time. The Worker gets the same files through wrangler.toml.
import journal from './migrations/meta/_journal.json'

export type SchemaMigration = {
  /** drizzle-kit tag, e.g. `0000_init` */
  tag: string
  /** journal timestamp; the ledger orders by it, as drizzle's own migrator does */
  when: number
  /** the statements between `--> statement-breakpoint` markers */
  statements: string[]
  sql: string
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export const schemaMigrations: SchemaMigration[] = journal.entries.map((entry) => {
  const sql = files[`./migrations/${entry.tag}.sql`]
  if (sql === undefined) throw new Error(`migration ${entry.tag}.sql is missing from db/migrations`)
  return {
    tag: entry.tag,
    when: entry.when,
    sql,
    statements: sql.split('--> statement-breakpoint').filter((s) => s.trim() !== ''),
  }
})
