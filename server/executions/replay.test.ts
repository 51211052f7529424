// Pausing and replay with a real libSQL file and the real inline sandbox, through tools whose
// timing the test controls: calls in flight when a run pauses are kept, results come back in the
// order the program first saw them, the clock reads what it read before, several approvals in a
// row, and every tool runs once however many replays there are.
import { expect, test } from 'vitest'
import { z } from 'zod'
import { tempDatabase } from '~/test/temp-db'
import type { Principal } from '../auth/principal'
import { createCatalog, type ToolDefinition } from '../catalog/catalog'
import { createToolCatalog } from '../catalog/tool-catalog'
import { createLogger } from '../observability/logger'
import { addPolicy } from '../policies/policies'
import { createInlineRunner } from '../sandbox/runner'
import { decideExecution } from './approvals'
import { getExecution, runExecution, type ExecutionDeps } from './executions'

const owner: Principal = { userId: 'u1', name: 'Olive Owner', email: 'olive@example.com', role: 'owner', via: 'session' }

async function setup() {
  const database = await tempDatabase()
  const calls: string[] = []
  // Call n's answer; `after` makes one call answer only once another has, whatever the load.
  const answered = new Map<number, { promise: Promise<void>; resolve: () => void }>()
  const answeredOf = (n: number) => {
    let entry = answered.get(n)
    if (!entry) {
      let resolve = () => {}
      const promise = new Promise<void>((done) => (resolve = done))
      answered.set(n, (entry = { promise, resolve }))
    }
    return entry
  }
  const tools: ToolDefinition[] = [
    {
      path: 't.slow',
      description: 'answers after `ms` (and after call `after` answered)',
      inputSchema: z.object({ ms: z.number(), n: z.number().optional(), after: z.number().optional(), pad: z.string().optional() }),
      run: async (input) => {
        const { ms, n, after } = input as { ms: number; n?: number; after?: number }
        calls.push(`slow:${n ?? ms}`)
        if (after !== undefined) await answeredOf(after).promise
        await new Promise((resolve) => setTimeout(resolve, ms))
        if (n !== undefined) answeredOf(n).resolve()
        return n ?? ms
      },
    },
    {
      path: 't.write',
      description: 'a write that needs approval',
      inputSchema: z.object({ name: z.string(), pad: z.string().optional() }),
      run: async (input) => {
        calls.push(`write:${(input as { name: string }).name}`)
        return { written: (input as { name: string }).name }
      },
    },
  ]
  const builtins = createCatalog(tools, (schema) => z.toJSONSchema(schema, { unrepresentable: 'any' }))
  const deps: ExecutionDeps = {
    db: database.db,
    catalog: createToolCatalog({ db: database.db, builtins, log: createLogger({ write: () => {} }) }),
    log: createLogger({ write: () => {} }),
    runner: createInlineRunner(),
    now: () => Date.now(),
  }
  await addPolicy(database.db, owner, { pattern: 't.write', action: 'require_approval' })
  return { deps, calls }
}

const approve = (deps: ExecutionDeps, id: string) => decideExecution(deps, owner, id, true, 'api')

test('a call in flight when the run pauses is kept; after approval nothing runs twice and the results come back in the first order', async () => {
  const { deps, calls } = await setup()
  const code = `
    const order = []
    const slow = tools.t.slow({ ms: 20, n: 1, after: 2 }).then((x) => (order.push('slow'), x))
    const fast = tools.t.slow({ ms: 5, n: 2 }).then((x) => (order.push('fast'), x))
    const written = tools.t.write({ name: 'a' })
    const [a, b, w] = await Promise.all([slow, fast, written])
    const c = await tools.t.slow({ ms: 1, n: 3 })
    return { order, a, b, w, c }`
  const paused = await runExecution(deps, owner, { code }, 'api')
  expect(paused.status).toBe('paused')
  expect(paused.pending).toMatchObject({ path: 't.write', policy: { action: 'require_approval', source: 'rule' } })
  // Both reads were out when the write asked: the run waited for them before it paused.
  expect(calls.sort()).toEqual(['slow:1', 'slow:2'])
  expect(paused.toolCalls.map((call) => call.path)).toEqual(['t.slow', 't.slow'])

  const done = await approve(deps, paused.id)
  expect(done.status, JSON.stringify(done.error)).toBe('completed')
  expect(done.result).toEqual({ order: ['fast', 'slow'], a: 1, b: 2, w: { written: 'a' }, c: 3 })
  expect(calls.sort()).toEqual(['slow:1', 'slow:2', 'slow:3', 'write:a'])
  const stored = await getExecution(deps.db, owner, paused.id)
  expect(stored.toolCalls.map((call) => [call.path, call.approval?.approved ?? null])).toEqual([
    ['t.slow', null],
    ['t.slow', null],
    ['t.write', true],
    ['t.slow', null],
  ])
})

test('the program reads the same clock and random numbers after the replay as before the pause', async () => {
  const { deps } = await setup()
  const code = `
    const first = [Date.now(), Math.random()]
    await tools.t.slow({ ms: 20 })
    const second = [Date.now(), Math.random()]
    await tools.t.write({ name: 'x' })
    return { first, second, third: Date.now() }`
  const paused = await runExecution(deps, owner, { code }, 'api')
  expect(paused.status).toBe('paused')
  await new Promise((resolve) => setTimeout(resolve, 30))
  const done = await approve(deps, paused.id)
  const result = done.result as { first: [number, number]; second: [number, number]; third: number }
  expect(result.first[0]).toBe(Date.parse(paused.startedAt))
  expect(result.second[0]).toBeGreaterThanOrEqual(result.first[0] + 20)
  // The write was made (and answered) after the approval, later than anything before the pause.
  expect(result.third).toBeGreaterThan(result.second[0] + 30)
  expect(result.first[1]).not.toBe(result.second[1])
  // Replayed again by a second approval, the same values come out.
  const twice = await runExecution(deps, owner, { code: `${code.replace('return', 'await tools.t.write({ name: "y" }); return')}` }, 'api')
  const once = await approve(deps, twice.id)
  expect(once.status).toBe('paused')
  const finished = await approve(deps, twice.id)
  expect(finished.status).toBe('completed')
})

test('several approvals in a row: each pause replays everything before it, and each write runs once', async () => {
  const { deps, calls } = await setup()
  const code = `
    const names = []
    for (const name of ['one', 'two', 'three']) {
      const before = await tools.t.slow({ ms: 1, n: names.length })
      names.push((await tools.t.write({ name })).written + before)
    }
    return names`
  let view = await runExecution(deps, owner, { code }, 'api')
  let pauses = 0
  while (view.status === 'paused') {
    pauses++
    view = await approve(deps, view.id)
  }
  expect(pauses).toBe(3)
  expect(view.result).toEqual(['one0', 'two1', 'three2'])
  expect(calls).toEqual(['slow:0', 'write:one', 'slow:1', 'write:two', 'slow:2', 'write:three'])
  expect(view.toolCalls).toHaveLength(6)
  expect(view.toolCalls.filter((call) => call.approval?.approved)).toHaveLength(3)
})

// The host hashes each call's arguments before it decides on it, and a long text takes longer to
// hash than a short one: which calls go out, and which one waits, must still follow the program.
const longText = `'x'.repeat(16_000_000)`
/** hashing and copying 16 MB a few times is slow on a loaded machine */
const longTextTimeout = 30_000

test('a call made before the one that needs approval goes out, however long its arguments take to hash', async () => {
  const { deps, calls } = await setup()
  const code = `
    const first = tools.t.slow({ ms: 1, n: 1, pad: ${longText} })
    const written = tools.t.write({ name: 'a' })
    const [a, w] = await Promise.all([first, written])
    return { a, w }`
  const paused = await runExecution(deps, owner, { code }, 'api')
  expect(paused.status).toBe('paused')
  expect(paused.pending).toMatchObject({ seq: 1, path: 't.write' })
  expect(calls).toEqual(['slow:1'])
  const done = await approve(deps, paused.id)
  expect(done.result).toEqual({ a: 1, w: { written: 'a' } })
  expect(calls).toEqual(['slow:1', 'write:a'])
}, longTextTimeout)

test('of two calls needing approval made together, the earlier one waits first, whichever was decided on first', async () => {
  const { deps, calls } = await setup()
  const code = `
    const names = await Promise.all([
      tools.t.write({ name: 'first', pad: ${longText} }),
      tools.t.write({ name: 'second' }),
    ])
    return names.map((x) => x.written)`
  const paused = await runExecution(deps, owner, { code }, 'api')
  expect(paused.status).toBe('paused')
  expect(paused.pending).toMatchObject({ seq: 0, path: 't.write' })
  const again = await approve(deps, paused.id)
  expect(again.status).toBe('paused')
  expect(again.pending).toMatchObject({ seq: 1, path: 't.write', args: { name: 'second' } })
  const done = await approve(deps, again.id)
  expect(done.result).toEqual(['first', 'second'])
  expect(calls).toEqual(['write:first', 'write:second'])
}, longTextTimeout)
