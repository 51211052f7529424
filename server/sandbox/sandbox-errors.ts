// The error an execution ends with, by kind. Messages name the
// limit that was hit so an agent can adjust, and never include the code itself.
import type { SandboxLimits } from './limits'
import type { SandboxError, SandboxOutcome } from './outcome'
import { cutUtf8, formatBytes, truncationMarker } from './truncate'

/** Longest error message or stack kept, in UTF-8 bytes. */
const MAX_ERROR_TEXT_BYTES = 16 * 1024

/** Why the host stopped an execution from outside (interrupt handler or wait loop). */
export type StopReason = 'timeout' | 'aborted' | 'tool_calls'

export function stopError(reason: StopReason, limits: SandboxLimits): SandboxError {
  switch (reason) {
    case 'timeout':
      return {
        kind: 'timeout',
        name: 'TimeoutError',
        message: `Execution exceeded its time limit of ${limits.timeoutMs} ms`,
      }
    case 'aborted':
      return { kind: 'aborted', name: 'AbortError', message: 'Execution was aborted' }
    case 'tool_calls':
      return {
        kind: 'tool_calls',
        name: 'ToolCallLimitError',
        message: `Execution exceeded its limit of ${limits.maxToolCalls} tool calls`,
      }
  }
}

/** The outcome of a program aborted before it started (or with nothing seen of it). */
export function abortedOutcome(limits: SandboxLimits): SandboxOutcome {
  return {
    status: 'failed',
    error: stopError('aborted', limits),
    resultTruncated: false,
    logs: [],
    logsTruncated: false,
    toolCalls: [],
    durationMs: 0,
  }
}

export function memoryError(limits: SandboxLimits): SandboxError {
  return {
    kind: 'memory',
    name: 'MemoryLimitError',
    message: `Execution ran out of memory (limit ${formatBytes(limits.memoryBytes)})`,
  }
}

export function stackError(limits: SandboxLimits): SandboxError {
  return {
    kind: 'stack',
    name: 'StackOverflowError',
    message: `Execution exceeded its stack (limit ${formatBytes(limits.stackBytes)}): recursion or nesting too deep`,
  }
}

export function unsettledError(): SandboxError {
  return {
    kind: 'unsettled',
    name: 'UnsettledError',
    message: 'The code awaits a promise that can never settle: no tool call is in flight and there are no timers',
  }
}

/** The engine instance has no heap left for what the host must copy into it. */
export class HeapExhaustedError extends Error {
  override name = 'HeapExhaustedError'
}

/** The error for an exception the engine threw at the host instead of into the code. */
export function faultError(error: unknown, limits: SandboxLimits): SandboxError {
  // V8 and JSC report their own stack running out under QuickJS as a RangeError.
  if (error instanceof RangeError) return stackError(limits)
  if (error instanceof HeapExhaustedError) return memoryError(limits)
  return internalError('The sandbox engine failed')
}

export function internalError(message: string): SandboxError {
  return { kind: 'internal', name: 'InternalError', message }
}

/** What the prelude's describe() reports: [name, message, stack] for an Error, [null, text] else. */
export type Thrown =
  | { error: true; name: string; message: string; stack: string }
  | { error: false; text: string }

export function parseThrown(json: string): Thrown {
  const parsed: unknown = JSON.parse(json)
  if (!Array.isArray(parsed)) return { error: false, text: String(parsed) }
  const [name, message, stack] = parsed.map((item: unknown) => (typeof item === 'string' ? item : null))
  if (name === null || name === undefined) return { error: false, text: message ?? 'undefined' }
  return { error: true, name, message: message ?? '', stack: stack ?? '' }
}

/** The error for a value the code threw or rejected with, recognising QuickJS's limit errors. */
export function thrownError(
  thrown: Thrown,
  limits: SandboxLimits,
  kind: 'thrown' | 'syntax' = 'thrown',
): SandboxError {
  if (!thrown.error) {
    return { kind: 'thrown', name: 'NonError', message: `Threw a non-Error value: ${clip(thrown.text)}` }
  }
  const limitHit = limitErrorOf(thrown.name, thrown.message, limits)
  if (limitHit) return limitHit
  const stack = thrown.stack.trimEnd()
  return {
    kind: thrown.name === 'SyntaxError' && kind === 'syntax' ? 'syntax' : 'thrown',
    name: clip(thrown.name),
    message: clip(thrown.message),
    ...(stack ? { stack: clip(stack) } : {}),
  }
}

/** QuickJS reports its limits as ordinary (catchable) errors; these names and messages are its. */
export function limitErrorOf(name: string, message: string, limits: SandboxLimits): SandboxError | undefined {
  if (message === 'out of memory' && name === 'InternalError') return memoryError(limits)
  // Rope concatenation reaches QuickJS's length cap (2^30 - 1) before the heap fills.
  if (message === 'string too long' && name === 'InternalError') {
    return { kind: 'memory', name: 'MemoryLimitError', message: 'Execution built a string longer than the engine allows' }
  }
  if (message === 'stack overflow' && (name === 'InternalError' || name === 'SyntaxError')) return stackError(limits)
  // A host RangeError raised in a host function near the native stack's end, passed in as an Error.
  if (name === 'RangeError' && /maximum call stack/i.test(message)) return stackError(limits)
  return undefined
}

function clip(text: string): string {
  const { kept, droppedBytes } = cutUtf8(text, MAX_ERROR_TEXT_BYTES)
  return droppedBytes === 0 ? kept : kept + truncationMarker(droppedBytes)
}
