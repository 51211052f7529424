// The boot-time MCP warm-up against the real pipeline: real handleRequest and handleMcp, the
// real SDK transport, a real in-memory libSQL database with the schema.
import { count } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { openScratchLibsql, type LibsqlDatabase } from '~/db/libsql'
import { schemaMigrations } from '~/db/migrations'
import { execution, toolCall } from '~/db/schema'
import { DEFAULT_BODY_LIMITS } from '../http/bounded-body'
import { defaultCatalog } from '../catalog/default-catalog'
import { createToolCatalog } from '../catalog/tool-catalog'
import { handleMcp } from '../mcp/handle-mcp'
import { createMemorySessionStore, type McpSessionStore } from '../mcp/session-store'
import { createLogger } from '../observability/logger'
import { echoRunner, WARM_UP_PRINCIPAL, warmUpMcp, warmUpRequestThread } from './warm-up-mcp'

let scratch: LibsqlDatabase | undefined
afterEach(() => scratch?.close())

const options = (db: LibsqlDatabase['db']) => ({
  scratchDb: db,
  publicOrigin: 'http://127.0.0.1:3000',
  trustedOrigins: ['http://127.0.0.1:3000'],
  loopbackBind: true,
  bodyLimits: DEFAULT_BODY_LIMITS,
  now: () => Date.now(),
})

test('the warm-up makes real execute calls, recorded only in the scratch database', async () => {
  scratch = await openScratchLibsql(schemaMigrations)
  await warmUpRequestThread(options(scratch.db), 3)
  // Each call went the whole way: history written with its tool call, in the throwaway database.
  const [runs] = await scratch.db.select({ n: count() }).from(execution)
  const [calls] = await scratch.db.select({ n: count() }).from(toolCall)
  expect(runs?.n).toBe(3)
  expect(calls?.n).toBe(3)
})

test('the warm-up session is closed again when it is done', async () => {
  scratch = await openScratchLibsql(schemaMigrations)
  const store = createMemorySessionStore({ now: () => Date.now() })
  const opened: string[] = []
  const sessions: McpSessionStore = { ...store, set: (session) => (opened.push(session.id), store.set(session)) }
  const deps = {
    db: scratch.db,
    catalog: createToolCatalog({ db: scratch.db, builtins: defaultCatalog(), log: createLogger({ write: () => {} }) }),
    log: createLogger({ write: () => {} }),
    runner: echoRunner(),
    now: () => Date.now(),
    sessions,
    publicOrigin: 'http://127.0.0.1:3000',
    authenticate: async () => WARM_UP_PRINCIPAL,
  }
  await warmUpMcp((request) => handleMcp(request, deps), 'http://127.0.0.1:3000', 2)
  expect(opened).toHaveLength(1)
  expect(await store.get(opened[0]!)).toBeUndefined()
  await store.close()
})
