import { expect, test } from 'vitest'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import type { ToolDispatcher } from './outcome'
import { RECORDED_ARGS_BYTES } from './tool-bridge'
import { runCode } from './run-code'

/** The test-only echo tool: answers `{ path, args }`; `fail.*` rejects with the host's message. */
function echoTool() {
  const calls: { path: string[]; args: unknown }[] = []
  const dispatch: ToolDispatcher = async (path, args) => {
    calls.push({ path, args })
    if (path[0] === 'fail') throw new Error(`host says no to ${path.join('.')}`)
    return { path, args }
  }
  return { calls, dispatch }
}

const run = (code: string, dispatch: ToolDispatcher, limits: Partial<SandboxLimits> = {}) =>
  runCode(code, { dispatch, limits: { ...DEFAULT_LIMITS, ...limits } })

test('turns tools.a.b.c(args) into one dispatch with the path and the args round-tripped', async () => {
  const echo = echoTool()
  const args = { text: 'héllo 😀', n: 1.5, list: [1, null, { deep: [true] }], empty: {} }
  const outcome = await run(`return await tools.a.b.c(${JSON.stringify(args)})`, echo.dispatch)
  expect(outcome).toMatchObject({ status: 'completed', result: { path: ['a', 'b', 'c'], args } })
  expect(echo.calls).toEqual([{ path: ['a', 'b', 'c'], args }])
})

test('dispatches any depth of path, and no args as undefined', async () => {
  const echo = echoTool()
  const outcome = await run(
    'const one = await tools.search(); const deep = await tools.x.y.z.w.v({}); return [one, deep]',
    echo.dispatch,
  )
  expect(outcome.result).toEqual([{ path: ['search'] }, { path: ['x', 'y', 'z', 'w', 'v'], args: {} }])
  expect(echo.calls[0]).toEqual({ path: ['search'], args: undefined })
})

test('calls nothing on the host for property access that is not called', async () => {
  const echo = echoTool()
  const outcome = await run(
    'const ns = tools.github; const fn = ns.issues.list; const t = typeof fn; const awaited = await tools.github; return [t, typeof awaited]',
    echo.dispatch,
  )
  expect(outcome.result).toEqual(['function', 'function'])
  expect(echo.calls).toEqual([])
  expect(outcome.toolCalls).toEqual([])
})

test('a host rejection becomes an Error the code can catch, with the host message', async () => {
  const echo = echoTool()
  const outcome = await run(
    'try { await tools.fail.now({}) } catch (e) { return [e instanceof Error, e.name, e.message] }',
    echo.dispatch,
  )
  expect(outcome.result).toEqual([true, 'ToolError', 'host says no to fail.now'])
  expect(outcome.toolCalls).toEqual([
    expect.objectContaining({ path: 'fail.now', args: {}, ok: false, error: 'host says no to fail.now' }),
  ])
})

test('an uncaught host rejection fails the execution with the tool error', async () => {
  const outcome = await run('await tools.fail.now()', echoTool().dispatch)
  expect(outcome.error).toMatchObject({ kind: 'thrown', name: 'ToolError', message: 'host says no to fail.now' })
})

test('refuses args with no JSON form inside the sandbox, without dispatching', async () => {
  const echo = echoTool()
  const outcome = await run('try { await tools.a.b(10n) } catch (e) { return e.name }', echo.dispatch)
  expect(outcome.result).toBe('TypeError')
  expect(echo.calls).toEqual([])
})

test('calling tools itself rejects with a hint', async () => {
  const outcome = await run('try { await tools() } catch (e) { return e.message }', echoTool().dispatch)
  expect(outcome.result).toBe('tools is not a function: call tools.<namespace>.<tool>(args)')
})

test('a tool result of undefined arrives as undefined', async () => {
  const outcome = await run('return typeof (await tools.nothing())', async () => undefined)
  expect(outcome.result).toBe('undefined')
})

test('records each call with its path, args, timing and outcome', async () => {
  const dispatch: ToolDispatcher = async (path) => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (path[1] === 'bad') throw new Error('nope')
    return 'ok'
  }
  const outcome = await run('await tools.svc.good({ id: 1 }); try { await tools.svc.bad() } catch {}', dispatch)
  expect(outcome.toolCalls).toHaveLength(2)
  const [good, bad] = outcome.toolCalls
  expect(good).toMatchObject({ path: 'svc.good', args: { id: 1 }, ok: true })
  expect(good?.error).toBeUndefined()
  expect(good?.durationMs).toBeGreaterThanOrEqual(15)
  expect(bad).toMatchObject({ path: 'svc.bad', ok: false, error: 'nope' })
  expect(bad?.startedAtMs).toBeGreaterThanOrEqual((good?.startedAtMs ?? 0) + (good?.durationMs ?? 0))
})

test('runs calls made together in parallel', async () => {
  let inFlight = 0
  let most = 0
  const dispatch: ToolDispatcher = async (_, args) => {
    most = Math.max(most, ++inFlight)
    await new Promise((resolve) => setTimeout(resolve, 10))
    inFlight--
    return args
  }
  const outcome = await run('return await Promise.all([1, 2, 3, 4].map((n) => tools.work.item(n)))', dispatch)
  expect(outcome.result).toEqual([1, 2, 3, 4])
  expect(most).toBe(4)
})

test('keeps only a cut JSON text of very large args in the record, while the dispatcher gets them whole', async () => {
  const echo = echoTool()
  const outcome = await run('await tools.big.upload({ data: "x".repeat(100000) })', echo.dispatch)
  expect(echo.calls[0]?.args).toEqual({ data: 'x'.repeat(100_000) })
  const recorded = outcome.toolCalls[0]?.args
  expect(typeof recorded).toBe('string')
  expect(String(recorded).startsWith('{"data":"xxx')).toBe(true)
  expect(String(recorded).length).toBeLessThan(RECORDED_ARGS_BYTES + 40)
  expect(String(recorded)).toMatch(/…\[truncated: \d+\.\d KiB more\]$/)
})

test('a tool call the code never awaits before finishing is not dispatched', async () => {
  const echo = echoTool()
  const outcome = await run('tools.fire.andForget({}); return "done"', echo.dispatch)
  expect(outcome.result).toBe('done')
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(echo.calls).toEqual([])
  expect(outcome.toolCalls).toEqual([
    expect.objectContaining({ path: 'fire.andForget', ok: false, error: 'the execution ended before the call was dispatched' }),
  ])
})

test('a dispatcher slower than the deadline ends the execution as timeout and is told to abort', async () => {
  let aborted = false
  const dispatch: ToolDispatcher = (_, __, { signal }) =>
    new Promise((resolve) => {
      signal.addEventListener('abort', () => {
        aborted = true
        resolve('too late')
      })
    })
  const outcome = await run('return await tools.slow.thing()', dispatch, { timeoutMs: 100 })
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'timeout', name: 'TimeoutError' } })
  // Timers may fire a fraction of a millisecond early by performance.now().
  expect(outcome.durationMs).toBeGreaterThanOrEqual(95)
  expect(outcome.durationMs).toBeLessThan(1_000)
  expect(outcome.toolCalls).toEqual([
    expect.objectContaining({ path: 'slow.thing', ok: false, error: 'the execution ended before the call settled' }),
  ])
  expect(aborted).toBe(true)
})

test('ends the execution at one call past maxToolCalls, having dispatched exactly the limit', async () => {
  const echo = echoTool()
  const outcome = await run(
    'for (let i = 0; i < 2000; i++) await tools.test.echo({ i })\nreturn "finished"',
    echo.dispatch,
    { maxToolCalls: 1000 },
  )
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'tool_calls', name: 'ToolCallLimitError' } })
  expect(outcome.error?.message).toBe('Execution exceeded its limit of 1000 tool calls')
  expect(echo.calls).toHaveLength(1000)
  expect(outcome.toolCalls).toHaveLength(1000)
})

test('the call limit holds even when the code catches the refusal', async () => {
  const echo = echoTool()
  const outcome = await run(
    'for (;;) { try { await tools.a.b() } catch {} }',
    echo.dispatch,
    { maxToolCalls: 5, timeoutMs: 5_000 },
  )
  expect(outcome.error?.kind).toBe('tool_calls')
  expect(echo.calls).toHaveLength(5)
})

test('a tool result that cannot fit in the sandbox becomes a catchable ToolError', async () => {
  const huge = 'y'.repeat(17 * 1024 * 1024)
  const outright = await run('try { await tools.big.result() } catch (e) { return e.message }', async () => huge)
  expect(outright.result).toMatch(/^the tool result \(\d+ characters of JSON\) exceeds the sandbox memory limit$/)
  const afterHogging = await run(
    `const hog = []
    try { for (;;) hog.push(new Array(1e5).fill(1)) } catch {}
    hog.length -= 2
    try { await tools.big.result() } catch (e) { return e.message }`,
    async () => huge.slice(0, 8_000_000),
  )
  expect(afterHogging.result).toBe("the tool result (7.6 MiB of JSON) does not fit in the sandbox's remaining memory")
  expect(afterHogging.toolCalls[0]).toMatchObject({ ok: false })
})

test('a large tool result that fits arrives whole', async () => {
  const outcome = await run('const text = await tools.big.result(); return text.length', async () => 'z'.repeat(8_000_000))
  expect(outcome).toMatchObject({ status: 'completed', result: 8_000_000 })
})
