// The tool store on a real libSQL file: replacing an integration's tools is all or nothing.
import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { integration } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { addIntegration, makeTool } from '~/test/catalog-fixtures'
import { chunkRows, getTool, listTools, replaceTools } from './tool-store'

async function searchRowCount(client: { execute: (sql: string) => Promise<{ rows: unknown[] }> }) {
  return Number(((await client.execute('select count(*) as n from tool_search')).rows[0] as { n: number }).n)
}

test('stores tools with their JSON unchanged, finds them by full path, and counts them on the integration', async () => {
  const { db } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  const schema = { type: 'object', properties: { q: { type: 'string', description: 'héllo ✓ "quoted"' } }, required: ['q'] }
  await replaceTools(db, github, [makeTool('issues.create', { inputSchema: schema, annotations: { destructiveHint: false } }), makeTool('repos.get')])
  const stored = await getTool(db, 'github.issues.create')
  expect(stored).toMatchObject({
    integrationId: 'int_1',
    fullPath: 'github.issues.create',
    path: 'issues.create',
    title: 'Title of issues.create',
    inputSchema: schema,
    annotations: { destructiveHint: false },
    operation: { method: 'get', path: '/issues/create' },
    declaration: null,
  })
  expect(await getTool(db, 'github.issues.nope')).toBeUndefined()
  expect(await getTool(db, 'gitlab.issues.create')).toBeUndefined()
  expect(await getTool(db, 'github')).toBeUndefined()
  const [row] = await db.select().from(integration).where(eq(integration.id, 'int_1'))
  expect(row).toMatchObject({ toolCount: 2, status: 'ready', statusMessage: null })
  expect(row?.refreshedAt).toBeInstanceOf(Date)
})

test('a replace swaps the whole set: old tools and their search rows are gone', async () => {
  const { db, client } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  await replaceTools(db, github, [makeTool('issues.create'), makeTool('issues.list')])
  await replaceTools(db, github, [makeTool('repos.get')])
  expect(await getTool(db, 'github.issues.create')).toBeUndefined()
  expect((await listTools(db, 'int_1')).tools.map((t) => t.fullPath)).toEqual(['github.repos.get'])
  expect(await searchRowCount(client)).toBe(1)
  const [row] = await db.select().from(integration)
  expect(row?.toolCount).toBe(1)
})

test('a replace that fails midway (a duplicate path in a later chunk) leaves the previous set and count', async () => {
  const { db, client } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  await replaceTools(db, github, [makeTool('issues.create'), makeTool('issues.list')])
  // Large descriptions so the rows span several chunks; the duplicate sits in the last one.
  const big = 'x'.repeat(200_000)
  const next = Array.from({ length: 12 }, (_, i) => makeTool(`pulls.op${i}`, { description: big }))
  next.push(makeTool('pulls.op0'))
  expect(chunkRows(next.map((t) => [t.path, t.description])).length).toBeGreaterThan(2)
  await expect(replaceTools(db, github, next)).rejects.toThrow(/UNIQUE|constraint/i)
  expect((await listTools(db, 'int_1')).tools.map((t) => t.path)).toEqual(['issues.create', 'issues.list'])
  expect(await searchRowCount(client)).toBe(2)
  const [row] = await db.select().from(integration)
  expect(row?.toolCount).toBe(2)
})

test('rejects a path that is not dot-separated [A-Za-z0-9_] segments before writing anything', async () => {
  const { db } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  await replaceTools(db, github, [makeTool('issues.create')])
  for (const bad of ['', 'issues..create', 'issues.cre-ate', 'issues.create.']) {
    await expect(replaceTools(db, github, [makeTool(bad)])).rejects.toThrow(/tool path/)
  }
  expect(await getTool(db, 'github.issues.create')).toBeDefined()
})

test('replacing one integration leaves another’s tools alone; deleting an integration removes its tools and search rows', async () => {
  const { db, client } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  const petstore = await addIntegration(db, 'int_2', 'petstore')
  await replaceTools(db, github, [makeTool('issues.create')])
  await replaceTools(db, petstore, [makeTool('pets.list'), makeTool('pets.get')])
  await replaceTools(db, github, [])
  expect(await getTool(db, 'petstore.pets.list')).toBeDefined()
  expect(await searchRowCount(client)).toBe(2)
  await db.delete(integration).where(eq(integration.id, 'int_2'))
  expect(await getTool(db, 'petstore.pets.list')).toBeUndefined()
  expect(await searchRowCount(client)).toBe(0)
})

test('listTools pages in path order with a cursor', async () => {
  const { db } = await tempDatabase()
  const github = await addIntegration(db, 'int_1', 'github')
  const paths = Array.from({ length: 25 }, (_, i) => `ops.op${String(i).padStart(2, '0')}`)
  await replaceTools(db, github, [...paths].reverse().map((p) => makeTool(p)))
  const seen: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page = await listTools(db, 'int_1', { limit: 10, cursor })
    expect(page.tools.length).toBeLessThanOrEqual(10)
    seen.push(...page.tools.map((t) => t.path))
    cursor = page.nextCursor
    pages++
  } while (cursor)
  expect(seen).toEqual(paths)
  expect(pages).toBe(3)
  const first = await listTools(db, 'int_1', { limit: 1 })
  expect(first.tools[0]).toEqual({ fullPath: 'github.ops.op00', path: 'ops.op00', title: 'Title of ops.op00', description: 'Description of ops.op00', annotations: { readOnlyHint: true } })
})
