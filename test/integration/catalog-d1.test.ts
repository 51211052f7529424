// The tool store and search on D1 itself: local D1 (workerd's SQLite) with the migrations
// applied by `wrangler d1 migrations apply`, reached from this process through wrangler's
// platform proxy. Proves the FTS5 DDL, D1's batch as one transaction, and D1's limits on bound
// parameters and values with 10,000 tools.
import type { D1Database } from '@cloudflare/workers-types'
import { eq } from 'drizzle-orm'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getPlatformProxy } from 'wrangler'
import { openD1 } from '~/db/d1'
import type { Database } from '~/db/database'
import { integration } from '~/db/schema'
import { searchTools } from '~/server/catalog/tool-search'
import { getTool, listTools, replaceTools } from '~/server/catalog/tool-store'
import { addIntegration, generatedTools, makeTool } from '../catalog-fixtures'
import { repoRoot, tempDir } from '../harness/paths'
import { applyD1Migrations } from '../harness/worker-server'

let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Database }>>>
let db: Database

beforeAll(async () => {
  // Keep wrangler on loopback: no Request.cf lookup, no telemetry.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
  process.env.WRANGLER_SEND_METRICS = 'false'
  const persistDir = tempDir('executor-d1-')
  await applyD1Migrations(persistDir)
  proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(repoRoot, 'wrangler.toml'),
    envFiles: [],
    persist: { path: join(persistDir, 'v3') },
    remoteBindings: false,
  })
  db = openD1(proxy.env.DB)
})
afterAll(async () => {
  await proxy?.dispose()
})

test('on D1: 10,000 tools replace in one batch, search ranks them, and a failed replace keeps the old set', async () => {
  const big = await addIntegration(db, 'int_big', 'bigapi')
  const tools = generatedTools(10_000)
  const started = performance.now()
  await replaceTools(db, big, tools)
  const replaceMs = performance.now() - started
  expect((await listTools(db, big.id, { limit: 1_000 })).tools).toHaveLength(1_000)
  expect(await getTool(db, `bigapi.${tools[1234]!.path}`)).toMatchObject({ inputSchema: tools[1234]!.inputSchema })

  const t0 = performance.now()
  const hits = await searchTools(db, 'list pets by owners')
  const searchMs = performance.now() - t0
  expect(hits[0]?.path).toMatch(/^bigapi\.pets\d+\.listPetsByOwners$/)
  expect(await searchTools(db, 'NEAR("x" OR -y*) :(')).toBeInstanceOf(Array)
  console.log(`catalog on local D1, 10,000 tools: replace ${replaceMs.toFixed(0)} ms, one search ${searchMs.toFixed(1)} ms (through the proxy)`)

  await expect(replaceTools(db, big, [makeTool('a.b'), makeTool('a.b')])).rejects.toThrow()
  const [row] = await db.select().from(integration).where(eq(integration.id, big.id))
  expect(row?.toolCount).toBe(10_000)
  expect(await getTool(db, `bigapi.${tools[0]!.path}`)).toBeDefined()
  expect((await searchTools(db, 'a b', { integrationIds: [big.id] })).map((h) => h.path)).not.toContain('bigapi.a.b')

  // Deleting the integration removes its tools (cascade) and its search rows (trigger).
  await db.delete(integration).where(eq(integration.id, big.id))
  expect(await searchTools(db, 'pets')).toEqual([])
  expect(await getTool(db, `bigapi.${tools[0]!.path}`)).toBeUndefined()
}, 120_000)
