// How the rest of the server runs a program: one SandboxRunner per process, chosen by the
// platform. The container runs programs in worker threads so a busy program never holds the
// request thread; the Worker target (no threads) runs them inline. Callers see one interface:
// the outcome, live console lines and tool-call notices, cancellation by AbortSignal.
import type { SandboxLimits } from './limits'
import type { LogEntry, SandboxOutcome, ToolDispatcher } from './outcome'
import { fairDispatch } from './fair-dispatch'
import { runCode, warmUpSandbox } from './run-code'

export type RunRequest = {
  code: string
  limits: SandboxLimits
  /** who runs it: concurrency is capped per principal as well as in total */
  principalId: string
  /** tool calls; always invoked on the thread that owns secrets, the database and the network */
  dispatch: ToolDispatcher
  /** ends the program as `aborted` (cancel button, MCP cancellation, client gone) */
  signal?: AbortSignal
  onLog?: (entry: LogEntry) => void
  onToolCall?: (call: { path: string; seq: number }) => void
  /** Math.random's seed and the clock's start (epoch ms): recorded, so a replay sees the same */
  seed?: number
  clockStart?: number
}

export interface SandboxRunner {
  run(request: RunRequest): Promise<SandboxOutcome>
  /** gets the engine ready so the first program does not pay for loading it */
  warmUp(): Promise<void>
  /** stops accepting programs and releases threads; running programs end as `aborted` */
  close(): Promise<void>
}

/**
 * Runs programs on the calling thread (the Worker target, the dev server, and unit tests); tool
 * calls give the event loop a turn now and then (./fair-dispatch) so other requests are served.
 */
export function createInlineRunner(): SandboxRunner {
  return {
    run: ({ code, dispatch, ...options }) => runCode(code, { ...options, dispatch: fairDispatch(dispatch, Date.now) }),
    warmUp: warmUpSandbox,
    close: async () => undefined,
  }
}
