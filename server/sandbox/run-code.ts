// Runs one agent program in QuickJS. The code is the body of an async function: its
// `return` value, as JSON, is the result. Inside are `console` and `tools` and nothing else of
// the host: no fetch, timers, filesystem, env, process or require.
//
// Decisions, also what callers can rely on:
// - Returning nothing (or undefined) completes with result `null`.
// - A result or log text over its limit is cut with a marker (`…[truncated: 1.2 MiB more]`) and
//   flagged, not failed; a cut result is its JSON text so far plus the marker, as a string.
// - No timers exist, so a promise no tool call can settle never settles: once nothing is in
//   flight and no job is queued the execution ends at once as `unsettled` rather than idling
//   until its deadline.
// - Unhandled rejections cannot be observed: this QuickJS build exposes no rejection tracker.
//   A promise rejected and never awaited does not affect the outcome; a failed tool call still
//   shows in toolCalls with ok: false.
// - A tool call the code never awaited before finishing is not dispatched.
// - runCode itself rejects only when the engine cannot load; everything the code does ends in
//   an outcome. Each execution has a WebAssembly instance to itself (engine.ts), so nothing it
//   does, down to exhausting the host's stack under QuickJS, reaches another execution.
// - QuickJS runs on the caller's thread: synchronous code holds the event loop until it awaits,
//   ends, or reaches its deadline. The container therefore calls this in worker threads
//   (worker-program.ts); the Worker target runs it inline, under admission caps.
import type { QuickJSHandle } from 'quickjs-emscripten-core'
import { CODE_PREFIX, withPosition } from './code-position'
import { acquireEngine } from './engine'
import { createExecutionClock } from './execution-clock'
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import { createLogBuffer } from './log-buffer'
import { openSandbox, type Sandbox } from './open-sandbox'
import type { LogEntry, SandboxError, SandboxOutcome, ToolCallRecord, ToolDispatcher } from './outcome'
import {
  faultError,
  internalError,
  limitErrorOf,
  stopError,
  thrownError,
  unsettledError,
  type StopReason,
} from './sandbox-errors'
import { cutUtf8, truncationMarker } from './truncate'

export type { SandboxOutcome, ToolDispatcher } from './outcome'

export type RunCodeOptions = {
  dispatch: ToolDispatcher
  limits: SandboxLimits
  /** ends the execution as `aborted` */
  signal?: AbortSignal
  /**
   * Polled by the interrupt handler, about once a millisecond while code runs: true ends the
   * execution as `aborted`. For a flag another thread sets while this one is busy in QuickJS,
   * where no abort event could be delivered.
   */
  abortRequested?: () => boolean
  /** each console line as the code writes it (also kept in the outcome's logs) */
  onLog?: (entry: LogEntry) => void
  /** each tool call as it is dispatched (before it settles) */
  onToolCall?: (call: { path: string; seq: number }) => void
  /** seeds Math.random (default: a random seed); the same seed draws the same numbers */
  seed?: number
  /** epoch ms the program's clock reads until its first tool result (default: now) */
  clockStart?: number
}

type Ending = { result: unknown; resultTruncated: boolean } | { error: SandboxError }

type RunState = { stop?: StopReason; fault?: unknown }

export async function runCode(code: string, options: RunCodeOptions): Promise<SandboxOutcome> {
  const { limits, signal } = options
  const clock = createExecutionClock(limits.timeoutMs)
  const logs = createLogBuffer(limits.maxLogBytes)
  let toolCalls: ToolCallRecord[] = []
  let engineBytes: number | undefined
  const outcome = (ending: Ending): SandboxOutcome => {
    const common = { ...logs.finish(), toolCalls, durationMs: Math.round(clock.now() * 100) / 100, ...(engineBytes === undefined ? {} : { engineBytes }) }
    if ('error' in ending) return { status: 'failed', error: ending.error, resultTruncated: false, ...common }
    return { status: 'completed', result: ending.result, resultTruncated: ending.resultTruncated, ...common }
  }
  if (signal?.aborted) return outcome({ error: stopError('aborted', limits) })

  const lease = await acquireEngine(limits.memoryBytes)
  const memory = lease.module.getWasmMemory()
  const heapAtStart = memory.buffer
  const state: RunState = {}
  const waiter = createWaiter()
  const stop = (reason: StopReason) => {
    state.stop ??= reason
    waiter.wake()
  }
  const onAbort = () => stop('aborted')
  signal?.addEventListener('abort', onAbort)
  let sandbox: Sandbox | undefined
  let reusable = true
  let ending: Ending
  try {
    const opened = openSandbox(lease.module, {
      counterOffset: lease.counterOffset,
      limits,
      dispatch: options.dispatch,
      onLog: options.onLog,
      onToolCall: options.onToolCall,
      clock,
      seed: options.seed ?? randomSeed(),
      clockStart: options.clockStart ?? Date.now(),
      logs,
      shouldInterrupt: (now, ticks) => {
        if (state.stop === undefined && options.abortRequested?.()) state.stop = 'aborted'
        if (state.stop === undefined && clock.expired(now, ticks)) state.stop = 'timeout'
        return state.stop !== undefined
      },
      onToolLimit: () => stop('tool_calls'),
      onToolSettle: () => waiter.wake(),
      onFault: (error) => {
        state.fault ??= error
        waiter.wake()
      },
    })
    if ('error' in opened) {
      ending = { error: internalError(opened.error) }
    } else {
      sandbox = opened
      toolCalls = opened.bridge.records
      ending = await drive(opened, code, limits, state, () => waiter.wait(clock.remainingMs(), () => stop('timeout')))
    }
  } catch (error) {
    // The engine threw instead of returning a QuickJS error: its instance is suspect.
    reusable = false
    ending = { error: faultError(error, limits) }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    waiter.dispose()
  }
  sandbox?.bridge.close()
  // quickjs-emscripten 0.32 reads some results through views of the WebAssembly memory made
  // before the call; when the call grows the memory those views are stale. executePendingJobs
  // then takes its context for unknown and creates a second, never-freed context, so freeing
  // the runtime trips QuickJS's leak assertion (which aborts the instance). An instance whose
  // memory grew is therefore dropped without freeing anything in it.
  if (memory.buffer !== heapAtStart) reusable = false
  engineBytes = memory.buffer.byteLength
  if (sandbox && reusable) {
    try {
      sandbox.dispose()
    } catch {
      reusable = false
    }
  }
  lease.release(reusable)
  return outcome(ending)
}

async function drive(
  sandbox: Sandbox,
  code: string,
  limits: SandboxLimits,
  state: RunState,
  wait: () => Promise<void>,
): Promise<Ending> {
  const { runtime, context, bridge } = sandbox
  const fail = (thrown: QuickJSHandle, kind: 'thrown' | 'syntax'): Ending => {
    if (state.stop) return { error: stopError(state.stop, limits) }
    const described = sandbox.describe(thrown)
    thrown.dispose()
    if (state.stop) return { error: stopError(state.stop, limits) }
    if (!described) return { error: internalError('The thrown value could not be read') }
    return { error: withPosition(thrownError(described, limits, kind), code) }
  }

  // Same line as the code's first, so QuickJS's line numbers are the agent's.
  const evaluated = context.evalCode(`${CODE_PREFIX}${code}\n})()`, 'code.js', { type: 'global' })
  if (evaluated.error) return fail(evaluated.error, 'syntax')
  const promise = evaluated.value
  try {
    for (;;) {
      if (state.fault) throw state.fault
      if (state.stop) return { error: stopError(state.stop, limits) }
      const jobs = runtime.executePendingJobs()
      if (jobs.error) return fail(jobs.error, 'thrown')
      if (state.fault) throw state.fault
      if (state.stop) return { error: stopError(state.stop, limits) }
      const settled = context.getPromiseState(promise)
      if (settled.type === 'fulfilled') return readResult(sandbox, settled.value, limits, state)
      if (settled.type === 'rejected') return fail(settled.error, 'thrown')
      if (runtime.hasPendingJob()) continue
      // The next result only once the last one's jobs have all run (see tool-bridge.ts).
      if (bridge.deliverNext()) continue
      if (bridge.inFlight() === 0 || bridge.stuck()) return { error: unsettledError() }
      await wait()
    }
  } finally {
    // Before any await: a call queued but not yet dispatched must not go out now.
    bridge.close()
    promise.dispose()
  }
}

function readResult(sandbox: Sandbox, value: QuickJSHandle, limits: SandboxLimits, state: RunState): Ending {
  const { context } = sandbox
  const serialized = sandbox.serialize(value)
  value.dispose()
  if (serialized.error) {
    const described = state.stop ? undefined : sandbox.describe(serialized.error)
    serialized.error.dispose()
    if (state.stop) return { error: stopError(state.stop, limits) }
    const limitHit = described?.error ? limitErrorOf(described.name, described.message, limits) : undefined
    if (limitHit) return { error: limitHit }
    const reason = described?.error ? described.message : 'unknown reason'
    return {
      error: {
        kind: 'invalid_result',
        name: 'InvalidResultError',
        message: `The return value cannot be represented as JSON: ${reason}`,
      },
    }
  }
  const json = serialized.value.consume((text) =>
    context.typeof(text) === 'string' ? context.getString(text) : undefined,
  )
  if (json === undefined) return { result: null, resultTruncated: false }
  const { kept, droppedBytes } = cutUtf8(json, limits.maxResultBytes)
  if (droppedBytes > 0) return { result: kept + truncationMarker(droppedBytes), resultTruncated: true }
  return { result: JSON.parse(json), resultTruncated: false }
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0
}

/** Parks the host until a tool call settles, the deadline passes, or the caller aborts. */
function createWaiter() {
  let release: (() => void) | undefined
  let woken = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const wake = () => {
    woken = true
    release?.()
  }
  return {
    wake,
    wait(remainingMs: number, onDeadline: () => void): Promise<void> {
      // One timer per execution, armed the first time the host has to wait.
      timer ??= setTimeout(onDeadline, remainingMs)
      if (woken) {
        woken = false
        return Promise.resolve()
      }
      return new Promise<void>((resolve) => {
        release = () => {
          release = undefined
          woken = false
          resolve()
        }
      })
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}

/** Runs a trivial program so the first real execution does not pay for loading QuickJS (~30 ms). */
export async function warmUpSandbox(): Promise<void> {
  await runCode('return 0', { dispatch: async () => null, limits: DEFAULT_LIMITS })
}
