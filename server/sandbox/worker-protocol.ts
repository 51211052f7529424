// Messages between the request thread and a sandbox worker thread. The worker holds QuickJS and
// nothing else: a tool call crosses back as a message and the request thread dispatches it, so
// credentials, the database and outbound HTTP never enter a worker.
import type { SandboxLimits } from './limits'
import type { LogEntry, SandboxOutcome, ToolCallDetails } from './outcome'

export type SettleOrder = Pick<ToolCallDetails, 'settleIndex' | 'settledAt'>

/** Index in the worker's shared Int32Array: non-zero asks the running program to stop. */
export const ABORT_FLAG_INDEX = 0

export type ToMainMessage =
  /** the worker's engine is loaded and a program can start without paying for that */
  | { type: 'ready' }
  | { type: 'log'; runId: number; entry: LogEntry }
  /** a tool call to dispatch on the request thread; `seq` is its index in the run's calls */
  | { type: 'call'; runId: number; callId: number; seq: number; path: string[]; args: unknown }
  | { type: 'done'; runId: number; outcome: SandboxOutcome }

export type ToWorkerMessage =
  /** first message: the compiled engine, and the flag the interrupt handler reads */
  | { type: 'init'; wasmModule: WebAssembly.Module | undefined; abortFlag: SharedArrayBuffer }
  | { type: 'run'; runId: number; code: string; limits: SandboxLimits; seed?: number; clockStart?: number }
  /** `order`: the record's settleIndex/settledAt set by the dispatcher, if any (see tool-bridge.ts) */
  | { type: 'settle'; runId: number; callId: number; ok: true; value: unknown; order: SettleOrder }
  | { type: 'settle'; runId: number; callId: number; ok: false; error: string; errorName?: string; order: SettleOrder }
  /** wakes a program that waits on tool calls; a busy one sees the shared flag instead */
  | { type: 'abort'; runId: number }
