// runExecution against a real libSQL file and the real inline sandbox: every run ends its row,
// short runs are written once, failures of the runner or the database still end the row, and
// no log line carries what the program passed to its tools.
import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { execution } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import type { Principal } from '../auth/principal'
import { defaultCatalog } from '../catalog/default-catalog'
import { createToolCatalog } from '../catalog/tool-catalog'
import { createLogger } from '../observability/logger'
import { createInlineRunner, type SandboxRunner } from '../sandbox/runner'
import { cancelExecution } from './cancel'
import { getExecution, listExecutions, runExecution, RUNNING_ROW_DELAY_MS, type ExecutionDeps } from './executions'
import { markInterrupted, STALE_MARGIN_MS } from './interrupted'

const owner: Principal = { userId: 'u1', name: 'Olive Owner', email: 'olive@example.com', role: 'owner', via: 'session' }
const member: Principal = { userId: 'u2', name: 'Max Member', email: 'max@example.com', role: 'member', via: 'session' }

async function setup(runner: SandboxRunner = createInlineRunner()) {
  // As the server does at boot: the first program should not pay for loading the engine.
  await runner.warmUp()
  const database = await tempDatabase()
  const lines: string[] = []
  const deps: ExecutionDeps = {
    db: database.db,
    catalog: createToolCatalog({ db: database.db, builtins: defaultCatalog(), log: createLogger({ write: () => {} }) }),
    log: createLogger({ write: (line) => lines.push(line) }),
    runner,
    now: () => Date.now(),
  }
  // Counts the writes to execution rows, as SQLite itself sees them.
  await database.client.executeMultiple(`
    CREATE TABLE row_writes (kind TEXT NOT NULL);
    CREATE TRIGGER count_inserts AFTER INSERT ON execution BEGIN INSERT INTO row_writes VALUES ('insert'); END;
    CREATE TRIGGER count_updates AFTER UPDATE ON execution BEGIN INSERT INTO row_writes VALUES ('update'); END;
  `)
  const writes = async () => (await database.client.execute('SELECT kind FROM row_writes')).rows.map((row) => String(row.kind))
  return { ...database, deps, lines, writes }
}

// Computes a little between tool calls, so it runs for seconds while giving the event loop turns.
const slowProgram = (iterations: number) =>
  `for (let i = 0; i < ${iterations}; i++) { let x = 0; for (let j = 0; j < 20000; j++) x += j; await tools.executor.echo(i) } return 'done'`

test('a short run is written once, finished, with its tool calls', async () => {
  const { deps, db, writes } = await setup()
  const run = await runExecution(deps, owner, { code: 'await tools.executor.echo({ n: 1 }); return 2' }, 'api')
  expect(run).toMatchObject({ status: 'completed', result: 2, toolCallCount: 1 })
  expect(await writes()).toEqual(['insert'])
  const stored = await getExecution(db, owner, run.id)
  expect(stored).toMatchObject({ status: 'completed', result: 2, toolCalls: [expect.objectContaining({ path: 'executor.echo', args: { n: 1 } })] })
})

test('a longer run shows as running while it runs, then is completed in place', async () => {
  const { deps, db, writes } = await setup()
  const pending = runExecution(deps, owner, { code: slowProgram(1_000), limits: { maxToolCalls: 10_000 } }, 'api')
  await new Promise((resolve) => setTimeout(resolve, RUNNING_ROW_DELAY_MS + 150))
  const [running] = (await listExecutions(db, owner, { limit: 5 })).executions
  expect(running).toMatchObject({ status: 'running', durationMs: null })
  const run = await pending
  expect(run).toMatchObject({ status: 'completed', result: 'done', toolCallCount: 1_000 })
  expect(await writes()).toEqual(['insert', 'update'])
  expect((await getExecution(db, owner, run.id)).toolCalls).toHaveLength(1_000)
})

test('a cancelled run ends cancelled, naming who cancelled it', async () => {
  const { deps, db } = await setup()
  const pending = runExecution(deps, member, { code: slowProgram(100_000), limits: { maxToolCalls: 10_000 } }, 'console')
  await new Promise((resolve) => setTimeout(resolve, RUNNING_ROW_DELAY_MS + 100))
  const id = (await listExecutions(db, member, { limit: 1 })).executions[0]?.id ?? ''
  await expect(cancelExecution(db, { ...member, userId: 'u3', role: 'member' }, id, deps.now)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  const cancelled = await cancelExecution(db, owner, id, deps.now)
  expect(cancelled).toMatchObject({ ended: true, execution: { status: 'cancelled', error: { kind: 'aborted', message: 'Cancelled by Olive Owner (olive@example.com)' } } })
  expect((await pending).status).toBe('cancelled')
  expect((await getExecution(db, member, id)).status).toBe('cancelled')
  await expect(cancelExecution(db, member, id, deps.now)).rejects.toMatchObject({ code: 'CONFLICT' })
})

test('a runner that throws still ends the row, as an internal failure with a safe message', async () => {
  const broken: SandboxRunner = {
    run: () => Promise.reject(new Error('engine exploded at /srv/secret/path')),
    warmUp: async () => undefined,
    close: async () => undefined,
  }
  const { deps, db, lines } = await setup(broken)
  const run = await runExecution(deps, owner, { code: 'return 1' }, 'api')
  expect(run).toMatchObject({ status: 'failed', error: { kind: 'internal', message: 'The sandbox failed to run the program' } })
  expect(await getExecution(db, owner, run.id)).toMatchObject({ status: 'failed', error: { kind: 'internal' } })
  expect(lines.some((line) => line.includes('sandbox runner failed'))).toBe(true)
})

test('when the history write fails the caller still gets its result, the row still ends, and the log holds no arguments', async () => {
  const { deps, db, client, lines } = await setup()
  await client.execute(`CREATE TRIGGER refuse_tool_calls BEFORE INSERT ON tool_call BEGIN SELECT RAISE(ABORT, 'tool calls refused'); END`)
  const secret = 'argument-text-that-must-not-be-logged'
  const code = `for (let i = 0; i < 2000; i++) await tools.executor.echo({ secret: '${secret}', i }); return 'ok'`
  const run = await runExecution(deps, owner, { code, limits: { maxToolCalls: 10_000 } }, 'api')
  expect(run).toMatchObject({ status: 'completed', result: 'ok', toolCallCount: 2000 })
  const stored = await getExecution(db, owner, run.id)
  expect(stored).toMatchObject({ status: 'failed', error: { kind: 'internal', message: expect.stringContaining('history could not be saved') } })
  const failure = lines.find((line) => line.includes('execution history not saved'))
  expect(failure).toBeDefined()
  expect(JSON.parse(failure ?? '{}')).toMatchObject({ level: 'error', code: 'SQLITE_CONSTRAINT' })
  for (const line of lines) {
    expect(line).not.toContain(secret)
    expect(line.length).toBeLessThan(2_000)
  }
})

test('boot marks runs left running as interrupted; elsewhere a running row past its time limit reads as interrupted', async () => {
  const { db, deps } = await setup()
  const startedAt = new Date(Date.now() - 1_000)
  const row = { actorId: 'u1', actorName: 'Olive Owner', actorEmail: 'olive@example.com', source: 'api' as const, code: 'return 1', status: 'running' as const, logs: [], startedAt }
  await db.insert(execution).values([
    { ...row, id: 'exe_left', limits: { timeoutMs: 30_000 } },
    { ...row, id: 'exe_done', status: 'completed', limits: { timeoutMs: 30_000 } },
  ])
  // Read long after its limit, a running row no process can hold reads as interrupted.
  const later = startedAt.getTime() + 30_000 + STALE_MARGIN_MS + 1
  expect((await getExecution(db, owner, 'exe_left', Date.now())).status).toBe('running')
  expect(await getExecution(db, owner, 'exe_left', later)).toMatchObject({ status: 'interrupted', error: { kind: 'interrupted' } })
  expect((await listExecutions(db, owner, { limit: 5, now: later })).executions.find((e) => e.id === 'exe_left')?.status).toBe('interrupted')
  // Not held by this process: a cancel says so rather than pretending.
  await expect(cancelExecution(db, owner, 'exe_left', deps.now)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('another server process') })

  expect(await markInterrupted(db, Date.now(), deps.log)).toBe(1)
  expect(await getExecution(db, owner, 'exe_left')).toMatchObject({
    status: 'interrupted',
    errorMessage: expect.stringContaining('The server stopped while this ran'),
  })
  expect((await getExecution(db, owner, 'exe_done')).status).toBe('completed')
  expect(await db.select({ n: sql<number>`count(*)` }).from(execution).where(sql`status = 'running'`)).toEqual([{ n: 0 }])
})
