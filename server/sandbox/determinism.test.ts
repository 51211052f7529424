// What a replay relies on: a program given the same seed, clock start and sequence of tool results
// runs the same way, however the results' arrivals interleave with its jobs.
import { expect, test } from 'vitest'
import { DEFAULT_LIMITS } from './limits'
import type { ToolDispatcher } from './outcome'
import { ToolRefusal } from './outcome'
import { runCode } from './run-code'

const echo: ToolDispatcher = async (_path, args) => args
const run = (code: string, options: { dispatch?: ToolDispatcher; seed?: number; clockStart?: number } = {}) =>
  runCode(code, { dispatch: options.dispatch ?? echo, limits: DEFAULT_LIMITS, seed: options.seed, clockStart: options.clockStart })

test('Math.random draws the same numbers for the same seed and others for another seed', async () => {
  const code = 'return Array.from({ length: 5 }, () => Math.random())'
  const first = await run(code, { seed: 42 })
  const again = await run(code, { seed: 42 })
  const other = await run(code, { seed: 43 })
  expect(first.result).toEqual(again.result)
  expect(first.result).not.toEqual(other.result)
  const numbers = first.result as number[]
  expect(numbers.every((n) => n >= 0 && n < 1)).toBe(true)
  expect(new Set(numbers).size).toBe(5)
})

test('the clock starts at clockStart and moves only to the time a dispatcher gives a result', async () => {
  const start = Date.UTC(2026, 0, 1)
  const dispatch: ToolDispatcher = async (_path, _args, { seq, annotate }) => {
    annotate?.({ settledAt: start + 1000 * (seq + 1) })
    return seq
  }
  const outcome = await run(
    `const seen = [Date.now(), new Date().getTime(), typeof Date(), new Date(0).getTime()]
     for (let i = 0; i < 1e5; i++) {}
     seen.push(Date.now())
     await tools.a.b()
     seen.push(Date.now())
     await tools.a.c()
     seen.push(new Date().toISOString(), new Date() instanceof Date, Date.UTC(1970, 0, 2))
     return seen`,
    { dispatch, clockStart: start },
  )
  expect(outcome.result).toEqual([start, start, 'string', 0, start, start + 1000, '2026-01-01T00:00:02.000Z', true, 86_400_000])
  expect(outcome.toolCalls.map((call) => call.settledAt)).toEqual([start + 1000, start + 2000])
})

test('results reach the program in settleIndex order, whatever order they arrive in', async () => {
  // The first call answers last but is numbered first; the second answers at once, numbered second.
  const dispatch: ToolDispatcher = async (path, _args, { seq, annotate }) => {
    if (seq === 0) await new Promise((resolve) => setTimeout(resolve, 30))
    annotate?.({ settleIndex: seq })
    return path.join('.')
  }
  const code = `const order = []
    await Promise.all([tools.slow.one().then((x) => order.push(x)), tools.fast.two().then((x) => order.push(x))])
    return order`
  expect((await run(code, { dispatch })).result).toEqual(['slow.one', 'fast.two'])
  // Unnumbered, they reach it as they arrive.
  expect((await run(code, { dispatch: async (path, _a, { seq }) => (seq === 0 ? new Promise((r) => setTimeout(() => r(path.join('.')), 30)) : path.join('.')) })).result).toEqual([
    'fast.two',
    'slow.one',
  ])
})

test('each result is handed over only after the jobs of the one before have all run', async () => {
  // Both settle together; the first one's continuation takes several microtask turns. Handed
  // over at once, the second's continuation would run in between.
  const dispatch: ToolDispatcher = async (_path, args, { seq, annotate }) => {
    annotate?.({ settleIndex: seq })
    return args
  }
  const outcome = await run(
    `const seen = []
     const a = tools.x.a(1).then(async () => { for (let i = 0; i < 5; i++) { await null; seen.push('a' + i) } })
     const b = tools.x.b(2).then(() => seen.push('b'))
     await Promise.all([a, b])
     return seen`,
    { dispatch },
  )
  expect(outcome.result).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b'])
})

test('a numbered result that can never be handed over ends the run as unsettled, not at its deadline', async () => {
  const dispatch: ToolDispatcher = async (_path, _args, { annotate }) => {
    annotate?.({ settleIndex: 5 })
    return 1
  }
  const outcome = await runCode('return await tools.x.y()', { dispatch, limits: { ...DEFAULT_LIMITS, timeoutMs: 5_000 } })
  expect(outcome.error?.kind).toBe('unsettled')
  expect(outcome.durationMs).toBeLessThan(2_000)
})

test('ToolBlocked and ToolDenied reach the program under their own names; other errors as ToolError', async () => {
  const dispatch: ToolDispatcher = async (path) => {
    if (path[1] === 'blocked') throw new ToolRefusal('ToolBlocked', 'blocked by rule 1')
    if (path[1] === 'denied') throw new ToolRefusal('ToolDenied', 'a person said no')
    throw new Error('plain failure')
  }
  const outcome = await run(
    `const names = []
     for (const name of ['blocked', 'denied', 'other']) {
       try { await tools.x[name]() } catch (error) { names.push(error.name + ': ' + error.message) }
     }
     return names`,
    { dispatch },
  )
  expect(outcome.result).toEqual(['ToolBlocked: blocked by rule 1', 'ToolDenied: a person said no', 'ToolError: plain failure'])
  expect(outcome.toolCalls.map((call) => call.errorName)).toEqual(['ToolBlocked', 'ToolDenied', undefined])
})
