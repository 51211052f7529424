// What one execution produced, as stored by server/executions and shown over /mcp.

/**
 * The host side of `tools.a.b.c(args)`: `path` is `['a', 'b', 'c']`, `args` plain JSON (or
 * undefined). Resolve with a JSON-serialisable value; a rejection's message reaches the code as
 * a ToolError, so it must not carry secrets. `signal` aborts when the execution ends.
 */
export type ToolDispatcher = (
  path: string[],
  args: unknown,
  context: {
    signal: AbortSignal
    /** the call's index among the program's calls, in the order the program made them */
    seq: number
    /** records what the host learned about the call (integration, connection, HTTP status) on its history row */
    annotate?: (details: ToolCallDetails) => void
  },
) => Promise<unknown>

/**
 * What the host adds to a tool call's record: where the call went, and (from a dispatcher that
 * records runs for replay) when the program may see its result and the clock it reads then.
 */
export type ToolCallDetails = Pick<
  ToolCallRecord,
  'integration' | 'connection' | 'method' | 'httpStatus' | 'settleIndex' | 'settledAt'
>

/**
 * Errors a program can tell apart by `name` (the rest reach it as `ToolError`): a call a policy
 * blocks, and one a person refused to approve.
 */
export const NAMED_TOOL_ERRORS = ['ToolBlocked', 'ToolDenied'] as const
export type NamedToolError = (typeof NAMED_TOOL_ERRORS)[number]

/** A dispatcher's refusal the program sees under its own name. */
export class ToolRefusal extends Error {
  constructor(
    override readonly name: NamedToolError,
    message: string,
  ) {
    super(message)
  }
}

/** The name a dispatcher's rejection reaches the program with. */
export function toolErrorName(error: unknown): NamedToolError | 'ToolError' {
  const name = error instanceof Error ? error.name : undefined
  return NAMED_TOOL_ERRORS.find((known) => known === name) ?? 'ToolError'
}

export const LOG_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const

export type LogLevel = (typeof LOG_LEVELS)[number]

export type LogEntry = {
  level: LogLevel
  /** the console arguments formatted as a console would, space-joined */
  message: string
  /** milliseconds since the execution started */
  at: number
}

export type ToolCallRecord = {
  /** dotted, e.g. `github.issues.list` */
  path: string
  /** the JSON the code passed, or its truncated JSON text when larger than RECORDED_ARGS_BYTES */
  args: unknown
  /** milliseconds since the execution started */
  startedAtMs: number
  durationMs: number
  ok: boolean
  /** the dispatcher's error message, or why the call never settled */
  error?: string
  /** set when the error reached the program under a name of its own (NAMED_TOOL_ERRORS) */
  errorName?: string
  /**
   * Set by a recording dispatcher: results reach the program strictly in this order (0, 1, 2…),
   * one at a time, so a replay given the same results in the same order runs the same way.
   */
  settleIndex?: number
  /** epoch ms: what Date.now() reads in the program from the moment it receives this result */
  settledAt?: number
  /** set by the host for a call of an integration's tool (never by the sandbox) */
  integration?: string
  /** `org.main` / `me.work` */
  connection?: string
  method?: string
  httpStatus?: number
}

/**
 * - `timeout`: wall time ran out (in code or while waiting on tool calls)
 * - `memory` / `stack`: QuickJS heap or stack limit (or the host stack under it) exhausted
 * - `tool_calls`: one tool call more than maxToolCalls was attempted
 * - `thrown`: the code threw or its promise rejected (also non-Error values)
 * - `invalid_result`: the return value has no JSON form (cycle, BigInt, function…)
 * - `syntax`: the code does not parse
 * - `aborted`: the caller's AbortSignal fired
 * - `unsettled`: the code awaits something nothing can settle (no tool call or job pending)
 * - `internal`: a fault of the sandbox itself, not of the code
 */
export type SandboxErrorKind =
  | 'timeout'
  | 'memory'
  | 'stack'
  | 'tool_calls'
  | 'thrown'
  | 'invalid_result'
  | 'syntax'
  | 'aborted'
  | 'unsettled'
  | 'internal'

export type SandboxError = {
  kind: SandboxErrorKind
  /** the thrown Error's name, `NonError` for other thrown values, else a name per kind */
  name: string
  message: string
  /** QuickJS backtrace (`at f (code.js:3:5)`) when the code threw an Error */
  stack?: string
  /** where in the code (as written, from 1) a syntax error or a thrown Error points */
  line?: number
  column?: number
}

export type SandboxOutcome = {
  status: 'completed' | 'failed'
  /**
   * Set when completed: the returned value as JSON (`null` when the code returned nothing).
   * When the JSON is longer than maxResultBytes it is its cut-off text plus a marker instead.
   */
  result?: unknown
  resultTruncated: boolean
  /** set when failed */
  error?: SandboxError
  logs: LogEntry[]
  /** some log text was dropped; the last kept entry ends with the marker */
  logsTruncated: boolean
  toolCalls: ToolCallRecord[]
  durationMs: number
  /**
   * Bytes of WebAssembly memory the program's engine instance held when it ended (its whole
   * cost: QuickJS heap, stack and static data); unset when it ended before getting one.
   */
  engineBytes?: number
}
