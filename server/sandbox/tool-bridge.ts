// The host side of `tools.a.b.c(args)`: each call becomes one dispatcher call whose
// settlement resolves or rejects a promise inside QuickJS, and one ToolCallRecord.
//
// Determinism, which replaying a paused execution relies on: settlements are not handed to the
// program as they arrive but one at a time, each only after the program has run every job the
// previous one caused (run-code.ts asks for the next with deliverNext). What the program does is
// then a function of the sequence of results alone, not of how their arrivals interleaved with
// its jobs. A dispatcher that numbers its settlements (settleIndex) fixes that sequence: results
// are handed over strictly in that order, whatever order they arrive in. The clock the program
// reads (hostNow) moves only at a settlement, to the time the dispatcher gave it (settledAt),
// so a replay that supplies the recorded times reads the same clock.
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core'
import { canAllocate } from './engine'
import type { ExecutionClock } from './execution-clock'
import { HeapExhaustedError } from './sandbox-errors'
import { toolErrorName, type ToolCallRecord, type ToolDispatcher } from './outcome'
import { cutUtf8, formatBytes, truncationMarker, utf8Length } from './truncate'

/** Room kept for the small values delivering a settlement needs (the error, its message). */
const DELIVERY_MARGIN_BYTES = 64 * 1024

/** Arguments larger than this are kept in the record only as cut JSON text. */
export const RECORDED_ARGS_BYTES = 16 * 1024

export type ToolBridge = {
  /** the QuickJS function the prelude receives as hostCall */
  readonly handle: QuickJSHandle
  readonly records: ToolCallRecord[]
  /** the QuickJS function the prelude reads the program's clock with (epoch ms) */
  readonly nowHandle: QuickJSHandle
  /** calls dispatched (or about to be) whose promise inside QuickJS is still pending */
  inFlight(): number
  /** hands the program the next settlement due, if one has arrived; true when it did */
  deliverNext(): boolean
  /** every pending call has settled yet none is due: a numbered settlement will never come */
  stuck(): boolean
  /** the execution is over: abort and finalise what is still in flight */
  close(): void
}

type Settlement = { ok: true; value: unknown } | { ok: false; error: unknown }

type Pending = {
  deferred: QuickJSDeferredPromise
  record: ToolCallRecord
  dispatched: boolean
  /** the dispatcher answered; waiting its turn to be handed to the program */
  arrived?: Settlement
}

export function createToolBridge(options: {
  module: QuickJSWASMModule
  context: QuickJSContext
  dispatch: ToolDispatcher
  /** told of each call as it goes out */
  onDispatch?: ((call: { path: string; seq: number }) => void) | undefined
  maxToolCalls: number
  /** a tool result longer than this (JSON characters) could not fit in the sandbox's heap */
  maxResultChars: number
  clock: ExecutionClock
  /** epoch ms the program's clock reads before its first settlement */
  clockStart: number
  /** one call more than maxToolCalls was attempted */
  onLimit(): void
  /** a settlement arrived: one may be ready to hand to the program (deliverNext) */
  onSettle(): void
  /** the engine failed while delivering a settlement */
  onFault(error: unknown): void
}): ToolBridge {
  const { context, clock } = options
  const memory = options.module.getWasmMemory()
  const records: ToolCallRecord[] = []
  const pending = new Set<Pending>()
  /** settlements due, in the order they will be handed over */
  const due: Pending[] = []
  /** numbered settlements that arrived before their turn */
  const early = new Map<number, Pending>()
  let nextIndex = 0
  let programNow = options.clockStart
  let controller: AbortController | undefined
  let closed = false

  const arrive = (entry: Pending, outcome: Settlement) => {
    if (closed || !pending.has(entry)) return
    entry.arrived = outcome
    entry.record.durationMs = clock.now() - entry.record.startedAtMs
    const index = entry.record.settleIndex
    if (index === undefined || index < nextIndex) due.push(entry)
    else early.set(index, entry)
    for (let next = early.get(nextIndex); next; next = early.get(nextIndex)) {
      early.delete(nextIndex)
      due.push(next)
      nextIndex++
    }
    // Wakes the host even when nothing is due: it then sees whether the run is stuck.
    options.onSettle()
  }

  const deliver = (entry: Pending, outcome: Settlement) => {
    pending.delete(entry)
    const { deferred, record } = entry
    programNow = Math.max(programNow, record.settledAt ?? Date.now())
    record.settledAt = programNow
    try {
      if (!canAllocate(options.module, DELIVERY_MARGIN_BYTES)) {
        throw new HeapExhaustedError('no heap left to deliver a tool result')
      }
      let settled = outcome.ok
        ? resultJson(outcome.value, options.maxResultChars)
        : failed(errorMessage(outcome.error))
      // The JSON text is copied in once as UTF-8, then again as a QuickJS string.
      if (settled.ok && settled.text !== undefined) {
        const bytes = utf8Length(settled.text)
        if (!canAllocate(options.module, 2 * bytes + DELIVERY_MARGIN_BYTES)) {
          const size = formatBytes(bytes)
          settled = failed(`the tool result (${size} of JSON) does not fit in the sandbox's remaining memory`)
        }
      }
      if (settled.ok) {
        record.ok = true
        if (settled.text === undefined) deferred.resolve(context.undefined)
        else context.newString(settled.text).consume((text) => deferred.resolve(text))
      } else {
        record.error = settled.error
        const name = outcome.ok ? 'ToolError' : toolErrorName(outcome.error)
        if (name !== 'ToolError') record.errorName = name
        context.newError({ name, message: settled.error }).consume((error) => deferred.reject(error))
      }
      deferred.dispose()
    } catch (error) {
      options.onFault(error)
    }
  }

  const nowHandle = context.newFunction('hostNow', () => context.newNumber(programNow))

  const handle = context.newFunction('hostCall', (pathHandle, argsHandle) => {
    if (closed) throw new Error('the execution has ended')
    if (records.length >= options.maxToolCalls) {
      options.onLimit()
      throw new Error(`tool call limit of ${options.maxToolCalls} reached`)
    }
    const path: unknown = JSON.parse(context.getString(pathHandle))
    if (!isStringArray(path)) throw new TypeError('invalid tool path')
    const argsJson = context.typeof(argsHandle) === 'string' ? context.getString(argsHandle) : undefined
    const args: unknown = argsJson === undefined ? undefined : JSON.parse(argsJson)
    const record: ToolCallRecord = {
      path: path.join('.'),
      args: recordedArgs(args, argsJson),
      startedAtMs: clock.now(),
      durationMs: 0,
      ok: false,
    }
    const seq = records.length
    records.push(record)
    // newPromise reads its resolvers through a view that memory growth leaves stale (see
    // run-code.ts): if the memory grew, its handles are garbage and the engine is suspect.
    const heapBefore = memory.buffer
    const deferred = context.newPromise()
    if (memory.buffer !== heapBefore) {
      record.error = 'the sandbox engine failed before the call was dispatched'
      options.onFault(new Error('the engine memory grew while creating a promise'))
      throw new Error('the sandbox engine failed')
    }
    const entry: Pending = { deferred, record, dispatched: false }
    pending.add(entry)
    // Dispatch after this host call returns, so the dispatcher never runs on top of QuickJS's
    // frames (it may be deep in the host stack) and a call the code never awaits before
    // finishing is not sent at all.
    queueMicrotask(() => {
      if (closed) return
      entry.dispatched = true
      options.onDispatch?.({ path: record.path, seq })
      controller ??= new AbortController()
      const { signal } = controller
      new Promise<unknown>((resolve) =>
        resolve(options.dispatch(path, args, { signal, seq, annotate: (details) => Object.assign(record, details) })),
      ).then(
        (value) => arrive(entry, { ok: true, value }),
        (error: unknown) => arrive(entry, { ok: false, error }),
      )
    })
    return entry.deferred.handle
  })

  return {
    handle,
    nowHandle,
    records,
    inFlight: () => pending.size,
    deliverNext() {
      const entry = due.shift()
      if (!entry?.arrived || closed) return false
      deliver(entry, entry.arrived)
      return true
    },
    stuck: () => due.length === 0 && pending.size > 0 && [...pending].every((entry) => entry.arrived !== undefined),
    close() {
      if (closed) return
      closed = true
      controller?.abort(new Error('the execution has ended'))
      for (const { deferred, record, dispatched } of pending) {
        record.durationMs = clock.now() - record.startedAtMs
        record.error = dispatched
          ? 'the execution ended before the call settled'
          : 'the execution ended before the call was dispatched'
        if (deferred.alive) deferred.dispose()
      }
      pending.clear()
      due.length = 0
      early.clear()
    },
  }
}

function resultJson(
  value: unknown,
  maxChars: number,
): { ok: true; text: string | undefined } | { ok: false; error: string } {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (error) {
    return failed(`the tool returned a value with no JSON form: ${errorMessage(error)}`)
  }
  if (text !== undefined && text.length > maxChars) {
    return failed(`the tool result (${text.length} characters of JSON) exceeds the sandbox memory limit`)
  }
  return { ok: true, text }
}

function failed(error: string): { ok: false; error: string } {
  return { ok: false, error }
}

function recordedArgs(args: unknown, json: string | undefined): unknown {
  if (json === undefined || json.length <= RECORDED_ARGS_BYTES / 3) return args
  const { kept, droppedBytes } = cutUtf8(json, RECORDED_ARGS_BYTES)
  return droppedBytes === 0 ? args : kept + truncationMarker(droppedBytes)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : String(error)
}
