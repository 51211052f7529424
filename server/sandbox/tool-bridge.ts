// The host side of `tools.a.b.c(args)`: each call becomes one dispatcher call whose
// settlement resolves or rejects a promise inside QuickJS, and one ToolCallRecord.
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core'
import { canAllocate } from './engine'
import type { ExecutionClock } from './execution-clock'
import { HeapExhaustedError } from './sandbox-errors'
import type { ToolCallRecord, ToolDispatcher } from './outcome'
import { cutUtf8, formatBytes, truncationMarker, utf8Length } from './truncate'

/** Room kept for the small values delivering a settlement needs (the error, its message). */
const DELIVERY_MARGIN_BYTES = 64 * 1024

/** Arguments larger than this are kept in the record only as cut JSON text. */
export const RECORDED_ARGS_BYTES = 16 * 1024

export type ToolBridge = {
  /** the QuickJS function the prelude receives as hostCall */
  readonly handle: QuickJSHandle
  readonly records: ToolCallRecord[]
  /** calls dispatched (or about to be) whose promise inside QuickJS is still pending */
  inFlight(): number
  /** the execution is over: abort and finalise what is still in flight */
  close(): void
}

type Pending = { deferred: QuickJSDeferredPromise; record: ToolCallRecord; dispatched: boolean }

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
  /** one call more than maxToolCalls was attempted */
  onLimit(): void
  /** a call settled inside QuickJS: jobs may be runnable */
  onSettle(): void
  /** the engine failed while delivering a settlement */
  onFault(error: unknown): void
}): ToolBridge {
  const { context, clock } = options
  const memory = options.module.getWasmMemory()
  const records: ToolCallRecord[] = []
  const pending = new Set<Pending>()
  let controller: AbortController | undefined
  let closed = false

  const deliver = (entry: Pending, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => {
    if (closed || !pending.has(entry)) return
    pending.delete(entry)
    const { deferred, record } = entry
    record.durationMs = clock.now() - record.startedAtMs
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
        context.newError({ name: 'ToolError', message: settled.error }).consume((error) => deferred.reject(error))
      }
      deferred.dispose()
      options.onSettle()
    } catch (error) {
      options.onFault(error)
    }
  }

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
      new Promise<unknown>((resolve) => resolve(options.dispatch(path, args, { signal, annotate: (details) => Object.assign(record, details) }))).then(
        (value) => deliver(entry, { ok: true, value }),
        (error: unknown) => deliver(entry, { ok: false, error }),
      )
    })
    return entry.deferred.handle
  })

  return {
    handle,
    records,
    inFlight: () => pending.size,
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
