// Runs programs in sandbox worker threads (the container), one program per thread at a time, so
// a busy program holds its own thread and never the request thread. Threads come from the
// platform through `spawn`; this module is the scheduling and the request thread's side of
// worker-protocol.ts.
//
// Decisions:
// - `warmThreads` threads (one per core by default) start at boot and stay. When all are busy
//   the pool grows, one thread per program, up to `maxThreads` (the global admission cap): a
//   program awaiting a slow tool call holds its thread while using no CPU, so a pool fixed at
//   the core count would let two slow API calls stall everyone. Extra threads retire after
//   `idleMs` without work.
// - A thread whose program hit its time, memory or stack limit, faulted, or was aborted is
//   terminated and replaced, never reused: its engine may be mid-operation.
// - Backstop: a thread that gives no outcome by its program's deadline plus BACKSTOP_GRACE_MS is
//   terminated and the program ends as `timeout`. An abort sets the thread's shared flag (the
//   QuickJS interrupt handler reads it about once a millisecond) and wakes it by message; a
//   thread that has not answered ABORT_GRACE_MS later is terminated. Either way the outcome
//   keeps the console lines and tool calls the request thread saw.
import { DEFAULT_LIMITS } from './limits'
import { createLogBuffer } from './log-buffer'
import { toolErrorName, type SandboxError, type SandboxErrorKind, type SandboxOutcome, type ToolCallDetails, type ToolCallRecord } from './outcome'
import type { RunRequest, SandboxRunner } from './runner'
import { abortedOutcome, stopError } from './sandbox-errors'
import { ABORT_FLAG_INDEX, type SettleOrder, type ToMainMessage, type ToWorkerMessage } from './worker-protocol'

export const BACKSTOP_GRACE_MS = 1_000
export const ABORT_GRACE_MS = 250
const DEFAULT_IDLE_MS = 30_000

/** Boot-time runs per warm thread through the real message path (see warmUp). */
export const WARM_UP_ROUNDS = 10
// A console line, a tool call and a result, like a real program; the tool just echoes.
const warmUpRequest: RunRequest = {
  code: 'const xs = [1, 2, 3].map((x) => x * 2); console.log(xs.join()); return await tools.warm.up({ xs })',
  limits: DEFAULT_LIMITS,
  principalId: 'warm-up',
  dispatch: async (_path, args) => args,
}

/** One worker thread as the platform gives it. */
export type SandboxThread = {
  post(message: ToWorkerMessage): void
  onMessage(handler: (message: ToMainMessage) => void): void
  /** the thread ended without being terminated (crash, uncaught error) */
  onExit(handler: (reason: string) => void): void
  terminate(): void
}

export type WorkerPoolOptions = {
  spawn: () => SandboxThread
  /** handed to each thread so none compiles the engine itself */
  wasmModule: WebAssembly.Module | undefined
  warmThreads: number
  maxThreads: number
  idleMs?: number
  /** a thread was terminated; `reason` is the outcome's error kind, `idle` or `shutdown` */
  onRetire?: (reason: string) => void
}

export type WorkerPoolStats = {
  threads: number
  busy: number
  /** threads started since boot (replacements included) */
  started: number
  /** threads terminated since boot */
  retired: number
}

export type WorkerPoolRunner = SandboxRunner & { stats(): WorkerPoolStats }

type Slot = {
  thread: SandboxThread
  abortFlag: Int32Array
  ready: Promise<void>
  handle?: (message: ToMainMessage) => void
  /** ends the running program from the request thread's side */
  end?: (why: 'exited' | 'shutdown', detail: string) => void
  idleTimer?: ReturnType<typeof setTimeout>
  busy: boolean
}

// Kinds after which the thread's engine is known to be in a clean state.
const REUSABLE_AFTER = new Set<SandboxErrorKind>(['thrown', 'syntax', 'invalid_result', 'tool_calls', 'unsettled'])

export function createWorkerPool(options: WorkerPoolOptions): WorkerPoolRunner {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS
  const slots = new Set<Slot>()
  const idle: Slot[] = []
  const waiting: ((slot: Slot | undefined) => void)[] = []
  let started = 0
  let retired = 0
  let lastRunId = 0
  let closed = false

  const spawnSlot = (): Slot => {
    const thread = options.spawn()
    const shared = new SharedArrayBuffer(4)
    let markReady = () => {}
    const slot: Slot = { thread, abortFlag: new Int32Array(shared), busy: false, ready: new Promise((r) => (markReady = r)) }
    thread.onMessage((message) => (message.type === 'ready' ? markReady() : slot.handle?.(message)))
    thread.onExit((reason) => {
      if (!slots.has(slot)) return
      markReady()
      slot.end?.('exited', reason)
      retire(slot, 'exited')
    })
    thread.post({ type: 'init', wasmModule: options.wasmModule, abortFlag: shared })
    slots.add(slot)
    started++
    return slot
  }

  const retire = (slot: Slot, reason: string) => {
    if (!slots.delete(slot)) return
    clearTimeout(slot.idleTimer)
    const at = idle.indexOf(slot)
    if (at >= 0) idle.splice(at, 1)
    slot.thread.terminate()
    retired++
    options.onRetire?.(reason)
    if (closed) return
    // The replacement goes straight to a waiting program, else stands by if the pool is below warm.
    const next = waiting.shift()
    if (next) next(spawnSlot())
    else if (slots.size < options.warmThreads) idle.push(spawnSlot())
  }

  const release = (slot: Slot, reusable: boolean, kind: string) => {
    slot.busy = false
    if (!reusable || closed) return retire(slot, kind)
    const next = waiting.shift()
    if (next) return next(slot)
    idle.push(slot)
    if (slots.size <= options.warmThreads) return
    slot.idleTimer = setTimeout(() => {
      if (slots.size > options.warmThreads) retire(slot, 'idle')
    }, idleMs)
  }

  const acquire = (signal: AbortSignal | undefined): Promise<Slot | undefined> => {
    const slot = idle.pop()
    if (slot) {
      clearTimeout(slot.idleTimer)
      return Promise.resolve(slot)
    }
    if (slots.size < options.maxThreads) return Promise.resolve(spawnSlot())
    // Over maxThreads only when admission is not in front; wait for a thread to come free.
    return new Promise((resolve) => {
      const take = (slot: Slot | undefined) => {
        signal?.removeEventListener('abort', leave)
        resolve(slot)
      }
      const leave = () => {
        const at = waiting.indexOf(take)
        if (at >= 0) waiting.splice(at, 1)
        resolve(undefined)
      }
      signal?.addEventListener('abort', leave, { once: true })
      waiting.push(take)
    })
  }

  const runOn = (slot: Slot, request: RunRequest): Promise<SandboxOutcome> => {
    const { limits, signal } = request
    const runId = ++lastRunId
    const startedAt = performance.now()
    const elapsed = () => Math.round((performance.now() - startedAt) * 100) / 100
    const logs = createLogBuffer(limits.maxLogBytes)
    const calls: ToolCallRecord[] = []
    const dispatching = new AbortController()
    slot.busy = true
    Atomics.store(slot.abortFlag, ABORT_FLAG_INDEX, 0)

    return new Promise((resolve) => {
      let finished = false
      let aborted = false
      let abortTimer: ReturnType<typeof setTimeout> | undefined
      const finish = (outcome: SandboxOutcome, reusable: boolean) => {
        if (finished) return
        finished = true
        clearTimeout(backstop)
        clearTimeout(abortTimer)
        signal?.removeEventListener('abort', onAbort)
        dispatching.abort(new Error('the execution has ended'))
        slot.handle = undefined
        slot.end = undefined
        release(slot, reusable, outcome.error?.kind ?? 'completed')
        resolve(outcome)
      }
      // What the request thread saw, when the thread cannot say how its program ended.
      const seen = (error: SandboxError): SandboxOutcome => {
        for (const call of calls) {
          if (call.ok || call.error) continue
          call.durationMs = elapsed() - call.startedAtMs
          call.error = 'the execution ended before the call settled'
        }
        return { status: 'failed', error, resultTruncated: false, ...logs.finish(), toolCalls: calls, durationMs: elapsed() }
      }

      slot.handle = (message) => {
        if (finished || !('runId' in message) || message.runId !== runId) return
        if (message.type === 'log') {
          logs.add(message.entry.level, message.entry.message, message.entry.at)
          request.onLog?.(message.entry)
        } else if (message.type === 'call') {
          dispatchCall(slot, request, message, calls, elapsed, dispatching.signal)
        } else if (message.type === 'done') {
          const kind = message.outcome.error?.kind
          carryDetails(calls, message.outcome.toolCalls)
          finish(message.outcome, !aborted && (kind === undefined || REUSABLE_AFTER.has(kind)))
        }
      }
      slot.end = (why, detail) =>
        finish(
          why === 'shutdown'
            ? seen(stopError('aborted', limits))
            : seen({ kind: 'internal', name: 'InternalError', message: `The sandbox thread ended unexpectedly (${detail})` }),
          false,
        )
      const backstop = setTimeout(() => finish(seen(stopError('timeout', limits)), false), limits.timeoutMs + BACKSTOP_GRACE_MS)
      const onAbort = () => {
        aborted = true
        Atomics.store(slot.abortFlag, ABORT_FLAG_INDEX, 1)
        slot.thread.post({ type: 'abort', runId })
        abortTimer = setTimeout(() => finish(seen(stopError('aborted', limits)), false), ABORT_GRACE_MS)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      slot.thread.post({ type: 'run', runId, code: request.code, limits, seed: request.seed, clockStart: request.clockStart })
    })
  }

  // Runs the warm-up program on `slot` if it is idle; release() puts it back among the idle.
  const warmUpOn = async (slot: Slot) => {
    const at = idle.indexOf(slot)
    if (at < 0) return
    idle.splice(at, 1)
    await runOn(slot, warmUpRequest)
  }

  return {
    async run(request) {
      if (closed || request.signal?.aborted) return abortedOutcome(request.limits)
      const slot = await acquire(request.signal)
      if (!slot) return abortedOutcome(request.limits)
      if (closed || request.signal?.aborted) {
        release(slot, !closed, 'aborted')
        return abortedOutcome(request.limits)
      }
      return runOn(slot, request)
    },
    async warmUp() {
      while (slots.size < options.warmThreads) idle.push(spawnSlot())
      const warm = [...slots]
      await Promise.all(warm.map((slot) => slot.ready))
      // Each thread warmed its engine on its own; this request thread's side of a run (messages,
      // structured clone, log and tool-call handling) and the thread's message path were still
      // cold, and made the first few dozen programs about twice as slow. A few rounds of a small
      // program on every warm thread at once, through runOn itself, warm both sides.
      for (let round = 0; round < WARM_UP_ROUNDS; round++) {
        await Promise.all(warm.map((slot) => warmUpOn(slot)))
      }
    },
    async close() {
      closed = true
      for (const take of waiting.splice(0)) take(undefined)
      for (const slot of [...slots]) {
        slot.end?.('shutdown', 'the server is shutting down')
        retire(slot, 'shutdown')
      }
    },
    stats: () => ({
      threads: slots.size,
      busy: [...slots].filter((slot) => slot.busy).length,
      started,
      retired,
    }),
  }
}

/**
 * The thread's records are the program's calls in order; what the host learned about each call it
 * dispatched (integration, connection, HTTP status) is on the request thread's record of it.
 */
function carryDetails(dispatched: ToolCallRecord[], recorded: ToolCallRecord[]) {
  for (const call of dispatched) {
    const seq = seqOf.get(call)
    const target = seq === undefined ? undefined : recorded[seq]
    if (!target) continue
    if (call.integration !== undefined) target.integration = call.integration
    if (call.connection !== undefined) target.connection = call.connection
    if (call.method !== undefined) target.method = call.method
    if (call.httpStatus !== undefined) target.httpStatus = call.httpStatus
  }
}

/** Each dispatched call's index among the program's calls. */
const seqOf = new WeakMap<ToolCallRecord, number>()

function dispatchCall(
  slot: Slot,
  request: RunRequest,
  message: Extract<ToMainMessage, { type: 'call' }>,
  calls: ToolCallRecord[],
  elapsed: () => number,
  signal: AbortSignal,
) {
  const { runId, callId, path, args } = message
  const record: ToolCallRecord = { path: path.join('.'), args, startedAtMs: elapsed(), durationMs: 0, ok: false }
  calls.push(record)
  seqOf.set(record, message.seq)
  request.onToolCall?.({ path: record.path, seq: message.seq })
  const annotate = (details: ToolCallDetails) => Object.assign(record, details)
  const order = (): SettleOrder => ({ settleIndex: record.settleIndex, settledAt: record.settledAt })
  new Promise<unknown>((resolve) => resolve(request.dispatch(path, args, { signal, seq: message.seq, annotate }))).then(
    (value) => {
      record.ok = true
      record.durationMs = elapsed() - record.startedAtMs
      if (signal.aborted) return
      try {
        slot.thread.post({ type: 'settle', runId, callId, ok: true, value, order: order() })
      } catch {
        // Tools answer JSON; anything structured clone refuses has no JSON form either.
        record.ok = false
        record.error = 'the tool returned a value with no JSON form'
        slot.thread.post({ type: 'settle', runId, callId, ok: false, error: record.error, order: order() })
      }
    },
    (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error)
      record.error = text
      record.durationMs = elapsed() - record.startedAtMs
      const errorName = toolErrorName(error)
      if (!signal.aborted) slot.thread.post({ type: 'settle', runId, callId, ok: false, error: text, errorName, order: order() })
    },
  )
}
