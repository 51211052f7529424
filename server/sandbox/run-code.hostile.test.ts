// Each hostile program must end its own execution with a clear error while an ordinary
// execution, started first and waiting on tool calls, still completes correctly.
import { afterEach, expect, test, vi } from 'vitest'
import { acquireEngine } from './engine'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import type { SandboxErrorKind, SandboxOutcome, ToolDispatcher } from './outcome'
import { runCode } from './run-code'

const echo: ToolDispatcher = async (_, args) => args

function startCompanion(): Promise<SandboxOutcome> {
  const slowEcho: ToolDispatcher = async (_, args) => {
    await new Promise((resolve) => setTimeout(resolve, 2))
    return args
  }
  const code = 'let total = 0\nfor (let i = 1; i <= 20; i++) total += await tools.test.echo(i)\nconsole.log("sum", total)\nreturn total'
  return runCode(code, { dispatch: slowEcho, limits: DEFAULT_LIMITS })
}

async function expectCompanionUnharmed(companion: Promise<SandboxOutcome>) {
  const outcome = await companion
  expect(outcome).toMatchObject({ status: 'completed', result: 210, logs: [{ level: 'log', message: 'sum 210' }] })
  expect(outcome.toolCalls).toHaveLength(20)
}

const run = (code: string, limits: Partial<SandboxLimits> = {}) =>
  runCode(code, { dispatch: echo, limits: { ...DEFAULT_LIMITS, ...limits } })

type Case = { program: string; code: string; kind: SandboxErrorKind; limits?: Partial<SandboxLimits>; within?: number }

const failing: Case[] = [
  { program: 'an empty infinite loop', code: 'while (true) {}', kind: 'timeout', limits: { timeoutMs: 300 } },
  { program: 'an infinite loop around try/catch', code: 'for (;;) { try {} catch {} }', kind: 'timeout', limits: { timeoutMs: 300 } },
  { program: 'an endless chain of awaits', code: 'for (;;) await null', kind: 'timeout', limits: { timeoutMs: 300 } },
  {
    program: 'a loop of slow built-in calls',
    code: "for (;;) 'x'.repeat(1e6)",
    kind: 'timeout',
    limits: { timeoutMs: 300 },
    within: 3_000,
  },
  { program: 'a memory bomb', code: 'let a = []; for (;;) a.push(new Array(1e6).fill(1))', kind: 'memory' },
  { program: 'one huge string', code: "return 'x'.repeat(2 ** 28).length", kind: 'memory' },
  { program: 'a string doubling loop', code: "let s = 'x'; for (;;) s += s", kind: 'memory' },
  {
    program: 'a string doubling loop that reads its string',
    code: "let s = 'x'; for (;;) { s = s + s; s.charCodeAt(s.length - 1) }",
    kind: 'memory',
  },
  { program: 'many small objects', code: 'const keep = []; for (let i = 0; ; i++) keep.push({ i })', kind: 'memory' },
  { program: 'unbounded recursion', code: 'function f() { return f() }\nf()', kind: 'stack' },
  { program: 'recursion through getters', code: 'const o = { get x() { return this.x } }\no.x', kind: 'stack' },
  { program: 'source nested deeper than the host stack allows', code: 'return ' + '['.repeat(100_000), kind: 'stack' },
  { program: 'JSON nested deeper than the host stack allows', code: "JSON.parse('['.repeat(100000))", kind: 'stack' },
  { program: 'a result nested deeper than the stack allows', code: 'let a = []\nfor (let i = 0; i < 1e5; i++) a = [a]\nreturn a', kind: 'stack' },
  { program: 'a thrown string', code: "throw 'a string'", kind: 'thrown' },
  { program: 'a thrown object', code: 'throw { a: 1 }', kind: 'thrown' },
  { program: 'a thrown null', code: 'throw null', kind: 'thrown' },
  { program: 'a promise that never settles', code: 'await new Promise(() => {})', kind: 'unsettled' },
  { program: 'a syntax error', code: 'return )(', kind: 'syntax' },
  {
    program: '2,000 tool calls against a limit of 1,000',
    code: 'for (let i = 0; i < 2000; i++) await tools.test.echo(i)',
    kind: 'tool_calls',
  },
  { program: 'a circular result', code: 'const o = {}\no.o = o\nreturn o', kind: 'invalid_result' },
]

test.each(failing)('$program ends that execution as $kind and harms no other', async ({ code, kind, limits, within }) => {
  const companion = startCompanion()
  const started = performance.now()
  const outcome = await run(code, limits)
  expect(outcome.status).toBe('failed')
  expect(outcome.error?.kind).toBe(kind)
  expect(outcome.error?.message).toBeTruthy()
  expect(performance.now() - started).toBeLessThan(within ?? 2_000)
  await expectCompanionUnharmed(companion)
  expect(await run('return 1 + 1')).toMatchObject({ status: 'completed', result: 2 })
})

const completing: { program: string; code: string; check: (outcome: SandboxOutcome) => void }[] = [
  {
    program: 'an unhandled rejection followed by a normal return',
    code: 'Promise.reject(new Error("x"))\nreturn "fine"',
    check: (outcome) => expect(outcome.result).toBe('fine'),
  },
  {
    program: 'a 5 MiB result',
    code: 'return "x".repeat(5 * 1024 * 1024)',
    check: (outcome) => {
      expect(outcome.resultTruncated).toBe(true)
      expect(String(outcome.result)).toMatch(/…\[truncated: 4\.0 MiB more\]$/)
    },
  },
  {
    program: 'a flood of logs',
    code: 'for (let i = 0; i < 20000; i++) console.log("x".repeat(100), i)',
    check: (outcome) => expect(outcome.logsTruncated).toBe(true),
  },
  {
    program: 'a caught stack overflow',
    code: 'function f() { return f() }\ntry { f() } catch (e) { return String(e) }',
    check: (outcome) => expect(outcome.result).toBe('InternalError: stack overflow'),
  },
  {
    program: 'a caught out-of-memory error',
    code: 'let a = []\ntry { for (;;) a.push(new Array(1e5).fill(1)) } catch (e) { a = null; return String(e) }',
    check: (outcome) => expect(outcome.result).toBe('InternalError: out of memory'),
  },
  { program: 'return undefined', code: 'return undefined', check: (outcome) => expect(outcome.result).toBeNull() },
]

test.each(completing)('$program completes and harms no other', async ({ code, check }) => {
  const companion = startCompanion()
  const outcome = await run(code)
  expect(outcome.status).toBe('completed')
  check(outcome)
  await expectCompanionUnharmed(companion)
})

afterEach(() => {
  vi.restoreAllMocks()
})

test('ends an infinite loop even where the clock stands still while code runs, as in workerd', async () => {
  vi.spyOn(performance, 'now').mockReturnValue(1_000)
  const started = Date.now()
  const outcome = await run('while (true) {}', { timeoutMs: 50 })
  expect(outcome.error?.kind).toBe('timeout')
  expect(Date.now() - started).toBeLessThan(3_000)
})

test('an execution that exhausted the host stack does not return its engine instance to the pool', async () => {
  const before = await acquireEngine(DEFAULT_LIMITS.memoryBytes)
  before.release(true)
  const outcome = await run('return ' + '('.repeat(100_000))
  expect(outcome.error?.kind).toBe('stack')
  const after = await acquireEngine(DEFAULT_LIMITS.memoryBytes)
  after.release(true)
  expect(after.module).not.toBe(before.module)
})
