import { z } from 'zod'
import { expect, test } from 'vitest'
import { createCatalog, type ToolDefinition } from './catalog'
import { defaultCatalog } from './default-catalog'
import { createToolCatalog } from './tool-catalog'
import { createLogger } from '../observability/logger'
import { tempDatabase } from '~/test/temp-db'

const tool = (path: string, description: string, input: z.ZodType = z.object({})): ToolDefinition => ({
  path,
  description,
  inputSchema: input,
  run: async (args) => args,
})

const catalog = createCatalog(
  [
    tool('github.issues.create', 'Create an issue in a repository', z.object({ owner: z.string(), repo: z.string(), title: z.string() })),
    tool('github.repos.get', 'Get a repository'),
    tool('stripe.customers.list', 'List customers, newest first', z.object({ limit: z.number() })),
  ],
  (schema) => z.toJSONSchema(schema, { unrepresentable: 'any' }),
)

test('ranks path words above parameter names above description words', () => {
  expect(catalog.search('issues').map((t) => t.path)).toEqual(['github.issues.create'])
  expect(catalog.search('repo')[0]?.path).toBe('github.issues.create')
  expect(catalog.search('repository').map((t) => t.path)).toEqual(['github.issues.create', 'github.repos.get'])
  expect(catalog.search('list customers')[0]?.path).toBe('stripe.customers.list')
})

test('an empty query lists tools in path order, capped by the limit', () => {
  expect(catalog.search('', 2).map((t) => t.path)).toEqual(['github.issues.create', 'github.repos.get'])
  expect(catalog.search('nothing-matches')).toEqual([])
})

test('describe gives the JSON input schema, and unknown paths are undefined', () => {
  expect(catalog.describe('stripe.customers.list')?.inputSchema).toMatchObject({ properties: { limit: { type: 'number' } } })
  expect(catalog.describe('stripe.nope')).toBeUndefined()
})

test('the dispatcher routes to a tool by path and names the way out for unknown ones', async () => {
  const database = await tempDatabase()
  const principal = { userId: 'u1', name: 'U', email: 'u@example.com', role: 'member' as const, via: 'session' as const }
  const dispatcher = createToolCatalog({ db: database.db, builtins: defaultCatalog(), log: createLogger({ write: () => {} }) }).dispatcher(principal)
  const dispatch = (path: string[], args: unknown) => dispatcher(path, args, { signal: new AbortController().signal, seq: 0 })
  expect(await dispatch(['executor', 'echo'], { a: 1 })).toEqual({ a: 1 })
  expect(await dispatch(['executor', 'search'], { query: 'echo' })).toEqual([expect.objectContaining({ path: 'executor.echo' })])
  await expect(dispatch(['nope'], {})).rejects.toThrow('Unknown tool tools.nope; find tools with tools.executor.search({ query })')
  await expect(dispatch(['executor', 'search'], { query: 5 })).rejects.toThrow()
  await database.close()
})
