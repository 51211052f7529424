import { expect, test } from 'vitest'
import { acquireEngine } from './engine'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import type { ToolDispatcher } from './outcome'
import { runCode } from './run-code'

const echo: ToolDispatcher = async (_, args) => args
const run = (code: string, limits: Partial<SandboxLimits> = {}, dispatch = echo) =>
  runCode(code, { dispatch, limits: { ...DEFAULT_LIMITS, ...limits } })

// What a bare ECMAScript context has, plus the sandbox's own console and tools.
const allowedGlobals = new Set([
  'AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView',
  'Date', 'Error', 'EvalError', 'FinalizationRegistry', 'Float16Array', 'Float32Array', 'Float64Array', 'Function',
  'Infinity', 'Int16Array', 'Int32Array', 'Int8Array', 'InternalError', 'Iterator', 'JSON', 'Map', 'Math', 'NaN',
  'Number', 'Object', 'Promise', 'Proxy', 'RangeError', 'ReferenceError', 'Reflect', 'RegExp', 'Set',
  'SharedArrayBuffer', 'String', 'Symbol', 'SyntaxError', 'TypeError', 'URIError', 'Uint16Array', 'Uint32Array',
  'Uint8Array', 'Uint8ClampedArray', 'WeakMap', 'WeakRef', 'WeakSet', 'console', 'decodeURI', 'decodeURIComponent',
  'encodeURI', 'encodeURIComponent', 'escape', 'eval', 'globalThis', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'tools', 'undefined', 'unescape',
])

test('lets nothing of the host in: no fetch, timers, process, require, modules or env', async () => {
  const outcome = await run(`return {
    fetch: typeof fetch, process: typeof process, require: typeof require, setTimeout: typeof setTimeout,
    setInterval: typeof setInterval, queueMicrotask: typeof queueMicrotask, Deno: typeof Deno, Bun: typeof Bun,
    WebAssembly: typeof WebAssembly, XMLHttpRequest: typeof XMLHttpRequest, importScripts: typeof importScripts,
    env: typeof env, std: typeof std, os: typeof os, module: typeof module, exports: typeof exports,
  }`)
  expect(Object.values(outcome.result ?? {})).toEqual(Array(16).fill('undefined'))
  const dynamicImport = await run('await import("fs")')
  expect(dynamicImport.status).toBe('failed')
})

test('has only ECMAScript built-ins, console and tools as globals', async () => {
  const outcome = await run('return Object.getOwnPropertyNames(globalThis)')
  const names: unknown[] = Array.isArray(outcome.result) ? outcome.result : []
  const unexpected = names.filter((name) => typeof name !== 'string' || !allowedGlobals.has(name))
  expect(unexpected).toEqual([])
  expect(outcome.result).toEqual(expect.arrayContaining(['console', 'tools']))
})

test('starts every execution from a fresh context: globals and patched built-ins do not carry over', async () => {
  const first = await run('globalThis.leaked = "secret"; Array.prototype.polluted = 1; Object.prototype.also = 2; JSON.parse = () => "hijacked"; return 1')
  expect(first.result).toBe(1)
  const second = await run('return [typeof leaked, [].polluted, ({}).also, JSON.parse("[1]")]')
  expect(second.result).toEqual(['undefined', null, null, [1]])
})

test('code that replaces JSON, Promise or console cannot break its own result or tool calls', async () => {
  const outcome = await run(`
    const calls = tools.test
    JSON.stringify = () => 'forged'
    JSON.parse = () => 'forged'
    globalThis.console = { log() { throw new Error('nope') } }
    const value = await calls.echo({ n: 1 })
    return value`)
  expect(outcome).toMatchObject({ status: 'completed', result: { n: 1 } })
})

test('runs 10 executions in parallel, each with its own tools, logs and result', async () => {
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, (_, n) => {
      const dispatch: ToolDispatcher = async (path, args) => {
        await new Promise((resolve) => setTimeout(resolve, 1 + ((n * 7) % 5)))
        return { n, path: path.join('.'), args }
      }
      const code = `let sum = 0
        for (let i = 0; i < 5; i++) { const r = await tools.worker.step(i); if (r.n !== ${n}) throw new Error('crossed'); sum += r.args }
        globalThis.mine = ${n}
        console.log('worker', ${n}, sum)
        return { n: ${n}, sum, mine: globalThis.mine }`
      return run(code, {}, dispatch)
    }),
  )
  outcomes.forEach((outcome, n) => {
    expect(outcome).toMatchObject({ status: 'completed', result: { n, sum: 10, mine: n } })
    expect(outcome.logs.map((entry) => entry.message)).toEqual([`worker ${n} 10`])
    expect(outcome.toolCalls).toHaveLength(5)
  })
})

test('leaks nothing across 500 executions of every ending', async () => {
  const slow: ToolDispatcher = () => new Promise((resolve) => setTimeout(resolve, 50))
  const programs: [string, Partial<SandboxLimits>, ToolDispatcher][] = [
    ['return { ok: [1, 2, 3] }', {}, echo],
    ['for (let i = 0; i < 5; i++) await tools.a.b(i); console.log("x"); return 1', {}, echo],
    ['throw new Error("x")', {}, echo],
    ['while (true) {}', { timeoutMs: 5 }, echo],
    ['await tools.slow.call()', { timeoutMs: 5 }, slow],
    ['await new Promise(() => {})', {}, echo],
    ['return )', {}, echo],
    ['const o = {}; o.o = o; return o', {}, echo],
    ['for (;;) await tools.x.y()', { maxToolCalls: 3 }, echo],
    ['function f() { return f() } f()', {}, echo],
  ]
  const heapSize = async () => {
    const lease = await acquireEngine(DEFAULT_LIMITS.memoryBytes)
    const size = lease.module.getWasmMemory().buffer.byteLength
    lease.release(true)
    return size
  }
  const runAll = async (rounds: number) => {
    for (let round = 0; round < rounds; round++) {
      for (const [code, limits, dispatch] of programs) await run(code, limits, dispatch)
    }
  }
  await runAll(5)
  const before = await heapSize()
  await runAll(50)
  expect(await heapSize()).toBe(before)
  expect(await run('return "still fine"')).toMatchObject({ result: 'still fine' })
}, 60_000)
