// 10,000 tools in one integration: the replace stays a handful of statements, and search stays
// fast. Only generous bounds are asserted; figures are printed (targets belong to the bench).
import { expect, test } from 'vitest'
import { addIntegration, generatedTools } from '~/test/catalog-fixtures'
import { tempDatabase } from '~/test/temp-db'
import { searchTools } from './tool-search'
import { chunkRows, getTool, listTools, replaceTools } from './tool-store'

const QUERIES = ['pets', 'create issue', 'listPetsByOwner', 'delete invoices', 'owner', 'refund', 'archive projects by teams', 'get', 'cus', 'export files folder', 'webhook', 'page size', 'the', 'labels comments update', 'status', 'pets owners']

test('10,000 tools: replaced in one batch, replaced again, and searched in milliseconds', { timeout: 120_000 }, async () => {
  const { db } = await tempDatabase()
  const big = await addIntegration(db, 'int_big', 'bigapi')
  const tools = generatedTools(10_000)
  expect(chunkRows(tools.map((t) => [t.path, t.description, JSON.stringify(t.inputSchema), JSON.stringify(t.outputSchema)])).length).toBeLessThan(40)

  let started = performance.now()
  await replaceTools(db, big, tools)
  const firstReplaceMs = performance.now() - started
  started = performance.now()
  await replaceTools(db, big, tools)
  const secondReplaceMs = performance.now() - started
  expect(firstReplaceMs).toBeLessThan(20_000)
  expect(secondReplaceMs).toBeLessThan(20_000)

  const pages = await listTools(db, big.id, { limit: 1_000 })
  expect(pages.tools).toHaveLength(1_000)
  expect(await getTool(db, `bigapi.${tools[9_999]!.path}`)).toMatchObject({ path: tools[9_999]!.path })

  // Warm up once (statement cache, pages in memory), then time every query many times.
  for (const query of QUERIES) await searchTools(db, query)
  const times: number[] = []
  for (let round = 0; round < 20; round++) {
    for (const query of QUERIES) {
      const t0 = performance.now()
      const hits = await searchTools(db, query, { limit: 20 })
      times.push(performance.now() - t0)
      expect(hits.length).toBeGreaterThan(0)
    }
  }
  times.sort((a, b) => a - b)
  const p50 = times[Math.floor(times.length * 0.5)]!
  const p99 = times[Math.floor(times.length * 0.99)]!
  const perQuery: string[] = []
  for (const query of QUERIES) {
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      await searchTools(db, query)
      runs.push(performance.now() - t0)
    }
    perQuery.push(`"${query}" ${runs.sort((a, b) => a - b)[2]!.toFixed(1)}`)
  }
  console.log(
    `catalog, 10,000 tools: replace ${firstReplaceMs.toFixed(0)} ms (again ${secondReplaceMs.toFixed(0)} ms); ` +
      `search p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${times.length} queries; ` +
      `median ms per query: ${perQuery.join(', ')}`,
  )
  expect(p99).toBeLessThan(500)

  // Narrowed to integrations: the filter reads each match's integration id.
  const other = await addIntegration(db, 'int_small', 'small')
  await replaceTools(db, other, generatedTools(50))
  const narrowed: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const hits = await searchTools(db, 'page size', { integrationIds: [other.id] })
    narrowed.push(performance.now() - t0)
    expect(hits.every((h) => h.path.startsWith('small.'))).toBe(true)
  }
  console.log(`catalog, narrowed to a 50-tool integration: "page size" ${narrowed.sort((a, b) => a - b)[2]!.toFixed(1)} ms`)

  const top = await searchTools(db, 'list pets by owners')
  expect(top[0]?.path).toMatch(/^bigapi\.pets\d+\.listPetsByOwners$/)
})
