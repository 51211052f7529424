import { expect, test } from 'vitest'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import { runCode } from './run-code'

const noTools = async () => {
  throw new Error('no tools in this test')
}
const run = (code: string, limits: Partial<SandboxLimits> = {}) =>
  runCode(code, { dispatch: noTools, limits: { ...DEFAULT_LIMITS, ...limits } })

test('returns the value of the code as JSON', async () => {
  const outcome = await run('return { sum: 1 + 1, list: [1, "a", null, true], nested: { ok: true } }')
  expect(outcome).toMatchObject({
    status: 'completed',
    result: { sum: 2, list: [1, 'a', null, true], nested: { ok: true } },
    resultTruncated: false,
    logs: [],
    logsTruncated: false,
    toolCalls: [],
  })
  expect(outcome.error).toBeUndefined()
  expect(outcome.durationMs).toBeGreaterThan(0)
})

test('runs the code as the body of an async function, so top-level await works', async () => {
  const outcome = await run('const a = await Promise.resolve(20)\nconst b = await (async () => 22)()\nreturn a + b')
  expect(outcome).toMatchObject({ status: 'completed', result: 42 })
})

test('completes with a null result when the code returns nothing or undefined', async () => {
  expect(await run('const x = 1')).toMatchObject({ status: 'completed', result: null })
  expect(await run('return undefined')).toMatchObject({ status: 'completed', result: null })
})

test('keeps what JSON keeps of a result: dates as strings, undefined properties dropped', async () => {
  const outcome = await run('return { when: new Date(0), gone: undefined, n: NaN }')
  expect(outcome.result).toEqual({ when: '1970-01-01T00:00:00.000Z', n: null })
})

test('fails a result with no JSON form as invalid_result', async () => {
  const circular = await run('const o = {}; o.self = o; return o')
  expect(circular).toMatchObject({ status: 'failed', error: { kind: 'invalid_result', name: 'InvalidResultError' } })
  expect(circular.error?.message).toContain('circular')
  expect((await run('return 10n')).error?.kind).toBe('invalid_result')
  expect((await run('return () => 1')).error).toMatchObject({
    kind: 'invalid_result',
    message: 'The return value cannot be represented as JSON: a function has no JSON form',
  })
})

test('cuts a result over maxResultBytes to its JSON text and a marker', async () => {
  const outcome = await run('return "x".repeat(5 * 1024 * 1024)')
  expect(outcome.status).toBe('completed')
  expect(outcome.resultTruncated).toBe(true)
  expect(typeof outcome.result).toBe('string')
  const text = String(outcome.result)
  expect(text.startsWith('"xxxx')).toBe(true)
  expect(text.endsWith('…[truncated: 4.0 MiB more]')).toBe(true)
  expect(text.length).toBe(1024 * 1024 + '…[truncated: 4.0 MiB more]'.length)
})

test('reports a syntax error with its position', async () => {
  const outcome = await run('const a = 1\nreturn (')
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'syntax', name: 'SyntaxError' } })
  // QuickJS finds the gap only at the wrapper's closing line; the position is the code's end.
  expect(outcome.error).toMatchObject({ line: 2, column: 9 })
})

test('reports a thrown Error with its name, message and the line it came from', async () => {
  const outcome = await run('function check() {\n  throw new RangeError("too far")\n}\ncheck()')
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'thrown', name: 'RangeError', message: 'too far' } })
  expect(outcome.error?.stack).toContain('at check (code.js:2')
})

test('reports thrown non-Error values clearly', async () => {
  expect((await run('throw "a string"')).error).toEqual({
    kind: 'thrown',
    name: 'NonError',
    message: 'Threw a non-Error value: "a string"',
  })
  expect((await run('throw { a: 1 }')).error?.message).toBe('Threw a non-Error value: {"a":1}')
  expect((await run('throw null')).error?.message).toBe('Threw a non-Error value: null')
  expect((await run('throw undefined')).error?.message).toBe('Threw a non-Error value: undefined')
})

test('reports a rejection after an await like a throw', async () => {
  const outcome = await run('await null\nthrow new TypeError("late")')
  expect(outcome.error).toMatchObject({ kind: 'thrown', name: 'TypeError', message: 'late' })
})

test('completes normally when a rejected promise is never awaited', async () => {
  const outcome = await run('Promise.reject(new Error("nobody listens"))\nreturn 1')
  expect(outcome).toMatchObject({ status: 'completed', result: 1, logs: [] })
})

test('ends a wait on a promise that nothing can settle as unsettled, at once', async () => {
  const outcome = await run('await new Promise(() => {})\nreturn 1', { timeoutMs: 10_000 })
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'unsettled', name: 'UnsettledError' } })
  expect(outcome.durationMs).toBeLessThan(1_000)
})

test('captures console lines with their level, in order, timed from the start', async () => {
  const outcome = await run(
    'console.log("plain"); console.info("info"); console.warn("warn"); console.error("error"); console.debug("debug")',
  )
  expect(outcome.logs.map(({ level, message }) => [level, message])).toEqual([
    ['log', 'plain'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['debug', 'debug'],
  ])
  const times = outcome.logs.map((entry) => entry.at)
  expect(times).toEqual([...times].sort((a, b) => a - b))
  expect(times[0]).toBeGreaterThanOrEqual(0)
})

test('formats console arguments as a console would, space-joined', async () => {
  const outcome = await run(
    [
      'console.log("text", 1, true, null, undefined, { a: [1, "b"] }, [1, 2], 3n, Symbol("s"))',
      'console.log(function named() {}, () => {}, tools.github.issues)',
      'const cyclic = { name: "c" }; cyclic.self = cyclic; console.log(cyclic, new Map([["k", 1]]), new Set([1, 2]))',
      'console.log(new TypeError("bad input"))',
    ].join('\n'),
  )
  const messages = outcome.logs.map((entry) => entry.message)
  expect(messages[0]).toBe('text 1 true null undefined {"a":[1,"b"]} [1,2] 3n Symbol(s)')
  expect(messages[1]).toBe('[Function: named] [Function (anonymous)] [tool github.issues]')
  expect(messages[2]).toBe('{"name":"c","self":"[Circular]"} {"k":1} [1,2]')
  expect(messages[3]).toMatch(/^TypeError: bad input\n {4}at .*code\.js:4/)
  expect(outcome.toolCalls).toEqual([])
})

test('cuts logs over maxLogBytes and marks the cut', async () => {
  const outcome = await run('for (let i = 0; i < 100; i++) console.log("x".repeat(100))', { maxLogBytes: 1024 })
  expect(outcome.logsTruncated).toBe(true)
  expect(outcome.logs).toHaveLength(11)
  const last = outcome.logs.at(-1)?.message ?? ''
  expect(last).toBe('x'.repeat(24) + '…[truncated: 8.8 KiB more]')
  expect(outcome.status).toBe('completed')
})

test('ends an execution whose signal is already aborted without running it', async () => {
  const controller = new AbortController()
  controller.abort()
  const outcome = await runCode('return 1', { dispatch: noTools, limits: DEFAULT_LIMITS, signal: controller.signal })
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'aborted', name: 'AbortError' } })
})

test('ends a running execution when its signal aborts', async () => {
  const controller = new AbortController()
  const dispatch = () => {
    controller.abort()
    return new Promise<never>(() => {})
  }
  const outcome = await runCode('await tools.slow.call()', { dispatch, limits: DEFAULT_LIMITS, signal: controller.signal })
  expect(outcome.error?.kind).toBe('aborted')
  expect(outcome.toolCalls[0]).toMatchObject({ ok: false, error: 'the execution ended before the call settled' })
})
