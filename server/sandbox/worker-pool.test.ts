// The pool's scheduling against threads run in this process: the real worker side
// (worker-program.ts, QuickJS included) behind message passing, or a silent thread standing in
// for one stuck in code. Real Bun threads are covered by test/integration/sandbox-threads.test.ts.
import { expect, test } from 'vitest'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import type { RunRequest } from './runner'
import { ABORT_GRACE_MS, BACKSTOP_GRACE_MS, WARM_UP_ROUNDS, createWorkerPool, type SandboxThread } from './worker-pool'
import { serveSandboxWorker } from './worker-program'
import type { ToMainMessage, ToWorkerMessage } from './worker-protocol'

type FakeThread = SandboxThread & { terminated: boolean; send(message: ToMainMessage): void }

/** A thread in this process: the real worker program, messages delivered asynchronously. */
function inProcessThread(): FakeThread {
  let toMain: (message: ToMainMessage) => void = () => {}
  let toWorker: (message: ToWorkerMessage) => void = () => {}
  const thread: FakeThread = {
    terminated: false,
    post: (message) => queueMicrotask(() => thread.terminated || toWorker(message)),
    onMessage: (handler) => (toMain = handler),
    onExit: () => {},
    terminate: () => (thread.terminated = true),
    send: (message) => toMain(message),
  }
  serveSandboxWorker(
    { post: (message) => queueMicrotask(() => thread.terminated || toMain(structuredClone(message))), listen: (h) => (toWorker = h) },
    () => {},
  )
  return thread
}

/** A thread that never answers, like one stuck inside a long built-in call. */
function silentThread(): FakeThread {
  let toMain: (message: ToMainMessage) => void = () => {}
  const thread: FakeThread = {
    terminated: false,
    post: () => {},
    onMessage: (handler) => (toMain = handler),
    onExit: () => {},
    terminate: () => (thread.terminated = true),
    send: (message) => toMain(message),
  }
  return thread
}

const request = (code: string, limits: Partial<SandboxLimits> = {}, extra: Partial<RunRequest> = {}): RunRequest => ({
  code,
  limits: { ...DEFAULT_LIMITS, ...limits },
  principalId: 'p',
  dispatch: async () => null,
  ...extra,
})

function pool(spawn: () => FakeThread, sizes = { warmThreads: 1, maxThreads: 4 }) {
  const threads: FakeThread[] = []
  const runner = createWorkerPool({
    spawn: () => {
      const thread = spawn()
      threads.push(thread)
      return thread
    },
    wasmModule: undefined,
    ...sizes,
    idleMs: 50,
  })
  return { runner, threads }
}

test('a program runs in a thread: logs stream, tool calls are dispatched on this side', async () => {
  const { runner } = pool(inProcessThread)
  await runner.warmUp()
  const dispatched: unknown[] = []
  const logs: string[] = []
  const notices: unknown[] = []
  const outcome = await runner.run(
    request('console.log("before"); const r = await tools.math.double({ n: 21 }); return r.n', {}, {
      dispatch: async (path, args) => {
        dispatched.push({ path, args })
        return { n: (args as { n: number }).n * 2 }
      },
      onLog: (entry) => logs.push(entry.message),
      onToolCall: (call) => notices.push(call),
    }),
  )
  expect(outcome).toMatchObject({ status: 'completed', result: 42, toolCalls: [{ path: 'math.double', ok: true }] })
  expect(dispatched).toEqual([{ path: ['math', 'double'], args: { n: 21 } }])
  expect(logs).toEqual(['before'])
  expect(notices).toEqual([{ path: 'math.double', seq: 0 }])
  expect(runner.stats()).toMatchObject({ threads: 1, busy: 0, started: 1, retired: 0 })
})

test('warmUp runs the warm-up program on every warm thread through the message path, then leaves them idle', async () => {
  const runs: number[] = []
  const { runner } = pool(() => {
    const thread = inProcessThread()
    const at = runs.push(0) - 1
    const post = thread.post
    thread.post = (message) => {
      if (message.type === 'run') runs[at]!++
      post(message)
    }
    return thread
  }, { warmThreads: 2, maxThreads: 4 })
  await runner.warmUp()
  expect(runs).toEqual([WARM_UP_ROUNDS, WARM_UP_ROUNDS])
  expect(runner.stats()).toMatchObject({ threads: 2, busy: 0, started: 2, retired: 0 })
  // Each thread is idle once: two programs at once take the two warm threads, no third.
  const both = await Promise.all([runner.run(request('return 1')), runner.run(request('return 2'))])
  expect(both.map((outcome) => outcome.result)).toEqual([1, 2])
  expect(runs).toEqual([WARM_UP_ROUNDS + 1, WARM_UP_ROUNDS + 1])
  expect(runner.stats()).toMatchObject({ threads: 2, started: 2, retired: 0 })
})

test('a failed tool call reaches the program as a ToolError', async () => {
  const { runner } = pool(inProcessThread)
  const outcome = await runner.run(
    request('try { await tools.x() } catch (e) { return e.name + ": " + e.message }', {}, {
      dispatch: async () => {
        throw new Error('no such tool')
      },
    }),
  )
  expect(outcome).toMatchObject({ status: 'completed', result: 'ToolError: no such tool' })
})

test('a thread whose program timed out or ran out of memory is replaced; one that threw is kept', async () => {
  const { runner, threads } = pool(inProcessThread)
  await runner.warmUp()
  expect(await runner.run(request('throw new Error("x")'))).toMatchObject({ error: { kind: 'thrown' } })
  expect(runner.stats()).toMatchObject({ started: 1, retired: 0 })
  expect(await runner.run(request('for (;;) {}', { timeoutMs: 50 }))).toMatchObject({ error: { kind: 'timeout' } })
  expect(threads[0]?.terminated).toBe(true)
  expect(runner.stats()).toMatchObject({ threads: 1, started: 2, retired: 1 })
  const hog = 'const a = []; for (;;) a.push("x".repeat(1000) + a.length)'
  expect(await runner.run(request(hog, { memoryBytes: 8 * 1024 * 1024 }))).toMatchObject({ error: { kind: 'memory' } })
  expect(runner.stats()).toMatchObject({ threads: 1, started: 3, retired: 2 })
  expect(await runner.run(request('return 1 + 1'))).toMatchObject({ status: 'completed', result: 2 })
})

test('a thread that gives no outcome by the deadline plus a grace is terminated and the run is a timeout', async () => {
  const { runner, threads } = pool(silentThread)
  const started = performance.now()
  const outcome = await runner.run(request('never answered', { timeoutMs: 100 }))
  const took = performance.now() - started
  expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'timeout' } })
  expect(took).toBeGreaterThanOrEqual(100 + BACKSTOP_GRACE_MS - 5)
  expect(took).toBeLessThan(100 + BACKSTOP_GRACE_MS + 500)
  expect(threads[0]?.terminated).toBe(true)
})

test('an abort ends a stuck thread promptly and keeps what was seen of the program', async () => {
  const { runner, threads } = pool(silentThread)
  const controller = new AbortController()
  const dispatched: string[] = []
  const running = runner.run(
    request('stuck', { timeoutMs: 60_000 }, { signal: controller.signal, dispatch: async (path) => dispatched.push(path.join('.')) }),
  )
  await new Promise((r) => setTimeout(r, 0))
  const thread = threads[0]
  if (!thread) throw new Error('no thread')
  thread.send({ type: 'log', runId: 1, entry: { level: 'info', message: 'working', at: 1 } })
  thread.send({ type: 'call', runId: 1, callId: 0, seq: 0, path: ['executor', 'echo'], args: { a: 1 } })
  const aborted = performance.now()
  controller.abort()
  const outcome = await running
  expect(performance.now() - aborted).toBeLessThan(ABORT_GRACE_MS + 200)
  expect(outcome).toMatchObject({
    status: 'failed',
    error: { kind: 'aborted' },
    logs: [{ level: 'info', message: 'working' }],
    toolCalls: [{ path: 'executor.echo', args: { a: 1 } }],
  })
  expect(dispatched).toEqual(['executor.echo'])
  expect(thread.terminated).toBe(true)
})

test('an abort reaches a program waiting on a tool call, and that thread is replaced', async () => {
  const { runner } = pool(inProcessThread)
  await runner.warmUp()
  const controller = new AbortController()
  const running = runner.run(
    request('console.log("waiting"); await tools.slow(); return 1', {}, {
      signal: controller.signal,
      dispatch: () => new Promise(() => {}),
      onToolCall: () => controller.abort(),
    }),
  )
  expect(await running).toMatchObject({ error: { kind: 'aborted' }, logs: [{ message: 'waiting' }], toolCalls: [{ path: 'slow' }] })
  expect(runner.stats()).toMatchObject({ retired: 1, threads: 1 })
})

test('the pool grows past its warm threads on demand, up to maxThreads, and shrinks back when idle', async () => {
  const { runner } = pool(inProcessThread, { warmThreads: 1, maxThreads: 2 })
  await runner.warmUp()
  let release: () => void = () => {}
  const gate = new Promise<void>((r) => (release = r))
  const slow = () => request('return await tools.wait()', {}, { dispatch: () => gate })
  const runs = [runner.run(slow()), runner.run(slow()), runner.run(slow())]
  await new Promise((r) => setTimeout(r, 20))
  expect(runner.stats()).toMatchObject({ threads: 2, busy: 2 })
  release()
  expect((await Promise.all(runs)).map((o) => o.status)).toEqual(['completed', 'completed', 'completed'])
  await new Promise((r) => setTimeout(r, 120))
  expect(runner.stats()).toMatchObject({ threads: 1, busy: 0, retired: 1 })
})

test('close ends running programs as aborted and terminates every thread', async () => {
  const { runner, threads } = pool(silentThread, { warmThreads: 2, maxThreads: 4 })
  void runner.warmUp()
  const running = runner.run(request('stuck'))
  await runner.close()
  expect(await running).toMatchObject({ error: { kind: 'aborted' } })
  expect(threads.every((t) => t.terminated)).toBe(true)
  expect(await runner.run(request('return 1'))).toMatchObject({ error: { kind: 'aborted' } })
})
