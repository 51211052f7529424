// Executions: run agent code in a fresh sandbox, record who ran what, the logs,
// every tool call with its timing, and the result or error.
//
// History writes: a run that ends within RUNNING_ROW_DELAY_MS is written once, finished, with
// its tool calls in the same batch; a longer one gets a `running` row at that point (so history
// shows running work) which the finished write completes. Every run ends its row, whatever
// fails: a runner that throws ends it `failed` (kind `internal`), a history write that fails
// is retried as a bare `failed` row, and a process that dies mid-run leaves a row that boot (or
// a read, on the Worker) reports `interrupted` (see interrupted.ts).
import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { ExecutionSource, ExecutionStatus } from '~/db/enums'
import { execution, toolCall } from '~/db/schema'
import { hasRole, type Principal } from '../auth/principal'
import type { ToolCatalog } from '../catalog/tool-catalog'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { errorFields, type Logger } from '../observability/logger'
import { resolveLimits, type SandboxLimits } from '../sandbox/limits'
import type { SandboxOutcome } from '../sandbox/run-code'
import type { RunRequest, SandboxRunner } from '../sandbox/runner'
import type { ExecutionError } from './execution-error'
import type { RunCodeInput } from './execution.schema'
import type { HistoryFilter } from './history-filter.schema'
import { historyConditions } from './history-query'
import { writeFinished, type ExecutionRow } from './history-write'
import { interruptedError, isStale } from './interrupted'
import { trackRunning } from './running-executions'

export type ExecutionDeps = { db: Database; catalog: ToolCatalog; log: Logger; runner: SandboxRunner; now: () => number }

/** What a caller may watch or control while its program runs. */
export type ExecutionObserver = Pick<RunRequest, 'signal' | 'onLog' | 'onToolCall'>

/** A run still going after this long gets a `running` row; quicker runs are written once, finished. */
export const RUNNING_ROW_DELAY_MS = 200

export type ExecutionSummary = {
  id: string
  status: ExecutionStatus
  source: ExecutionSource
  actor: { id: string; name: string; email: string }
  startedAt: string
  durationMs: number | null
  toolCallCount: number
  errorMessage: string | null
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export type ExecutionView = ExecutionSummary & {
  code: string
  result: JsonValue
  error: ExecutionError | null
  logs: SandboxOutcome['logs']
  logsTruncated: boolean
  resultTruncated: boolean
  toolCalls: (Omit<SandboxOutcome['toolCalls'][number], 'args'> & { args: JsonValue })[]
  limits: SandboxLimits
}

// Results, arguments and limits cross the sandbox boundary and the database as JSON text, so
// they are JSON values by construction; this only tells the type system so.
const json = (value: unknown): JsonValue => (value === undefined ? null : (value as JsonValue))

/** Runs `input.code` for `actor` and returns the stored execution; cancellable by id while it runs. */
export async function runExecution(
  deps: ExecutionDeps,
  actor: Principal,
  input: RunCodeInput,
  source: ExecutionSource,
  observer: ExecutionObserver = {},
): Promise<ExecutionView> {
  const limits = resolveLimits(input.limits)
  const row: ExecutionRow = {
    id: newId('exe'),
    actorId: actor.userId,
    actorName: actor.name,
    actorEmail: actor.email,
    source,
    code: input.code,
    status: 'running',
    logs: [],
    limits,
    startedAt: new Date(deps.now()),
  }
  const controller = new AbortController()
  let cancelledBy: string | undefined
  const signal = observer.signal ? AbortSignal.any([observer.signal, controller.signal]) : controller.signal
  const finished = runAndRecord(deps, actor, row, limits, { ...observer, signal }, () => cancelledBy)
  trackRunning(row.id, {
    actorId: actor.userId,
    finished,
    cancel: (by) => {
      cancelledBy ??= by
      controller.abort()
    },
  })
  return finished
}

async function runAndRecord(
  deps: ExecutionDeps,
  actor: Principal,
  row: ExecutionRow,
  limits: SandboxLimits,
  observer: ExecutionObserver,
  cancelledBy: () => string | undefined,
): Promise<ExecutionView> {
  let runningRow: Promise<void> | undefined
  const timer = setTimeout(() => (runningRow = insertRunning(deps, row)), RUNNING_ROW_DELAY_MS)
  let outcome: SandboxOutcome
  let refusal: AppError | undefined
  try {
    outcome = await deps.runner.run({
      code: row.code,
      limits,
      principalId: row.actorId,
      dispatch: deps.catalog.dispatcher(actor),
      ...observer,
    })
  } catch (error) {
    // A refusal (the server is busy…) reaches the caller with its own status; anything else
    // is a fault of ours, recorded without its details, which stay in the log.
    if (error instanceof AppError) refusal = error
    else deps.log.error('sandbox runner failed', { executionId: row.id, ...errorFields(error) })
    outcome = runnerFailure(refusal?.message ?? 'The sandbox failed to run the program', deps.now() - row.startedAt.getTime())
  } finally {
    clearTimeout(timer)
    await runningRow
  }
  if (refusal) {
    // Refused before it ran (the concurrency caps answer RATE_LIMITED): nothing ran, so no
    // history; a `running` row written while it waited for a slot goes again.
    if (runningRow) await deps.db.delete(execution).where(eq(execution.id, row.id))
    throw refusal
  }
  const ending = endingOf(outcome, cancelledBy())
  await saveFinished(deps, row, outcome, ending)
  deps.log.info('execution', {
    executionId: row.id,
    actorId: row.actorId,
    source: row.source,
    status: ending.status,
    durationMs: Math.round(outcome.durationMs * 10) / 10,
    toolCalls: outcome.toolCalls.length,
    ...(ending.error ? { errorKind: ending.error.kind } : {}),
  })
  return {
    id: row.id,
    status: ending.status,
    source: row.source,
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    startedAt: row.startedAt.toISOString(),
    durationMs: Math.round(outcome.durationMs),
    toolCallCount: outcome.toolCalls.length,
    errorMessage: ending.error?.message ?? null,
    code: row.code,
    result: json(outcome.result),
    error: ending.error,
    logs: outcome.logs,
    logsTruncated: outcome.logsTruncated,
    resultTruncated: outcome.resultTruncated,
    toolCalls: outcome.toolCalls.map((call) => ({ ...call, args: json(call.args) })),
    limits,
  }
}

type Ending = { status: ExecutionStatus; error: ExecutionError | null }

// A run someone cancelled ends `cancelled`, saying who; other aborts (the caller went away,
// the server is shutting down) stay `failed` with kind `aborted`.
function endingOf(outcome: SandboxOutcome, cancelledBy: string | undefined): Ending {
  if (outcome.error?.kind === 'aborted' && cancelledBy !== undefined) {
    return { status: 'cancelled', error: { ...outcome.error, message: `Cancelled by ${cancelledBy}` } }
  }
  return { status: outcome.status, error: outcome.error ?? null }
}

function runnerFailure(message: string, durationMs: number): SandboxOutcome {
  return {
    status: 'failed',
    error: { kind: 'internal', name: 'InternalError', message },
    resultTruncated: false,
    logs: [],
    logsTruncated: false,
    toolCalls: [],
    durationMs,
  }
}

async function insertRunning(deps: ExecutionDeps, row: ExecutionRow): Promise<void> {
  try {
    await deps.db.insert(execution).values(row)
  } catch (error) {
    // The finished write inserts the row if this one never landed.
    deps.log.error('execution row not written', { executionId: row.id, ...errorFields(error) })
  }
}

async function saveFinished(deps: ExecutionDeps, row: ExecutionRow, outcome: SandboxOutcome, ending: Ending) {
  const finished = {
    ...row,
    ...ending,
    result: outcome.result === undefined ? null : { value: outcome.result, truncated: outcome.resultTruncated },
    logs: { entries: outcome.logs, truncated: outcome.logsTruncated },
    toolCallCount: outcome.toolCalls.length,
    finishedAt: new Date(deps.now()),
    durationMs: Math.round(outcome.durationMs),
  }
  try {
    await writeFinished(deps.db, finished, outcome.toolCalls)
    return
  } catch (error) {
    deps.log.error('execution history not saved', { executionId: row.id, toolCalls: outcome.toolCalls.length, ...errorFields(error) })
  }
  // The caller still gets the outcome; history keeps that the run ended, and why its details are missing.
  try {
    await writeFinished(
      deps.db,
      {
        ...finished,
        status: 'failed',
        result: null,
        error: { kind: 'internal', name: 'InternalError', message: `The run ended (${ending.status}) but its history could not be saved` },
        logs: { entries: [], truncated: false },
      },
      [],
    )
  } catch (error) {
    deps.log.error('execution row not ended', { executionId: row.id, ...errorFields(error) })
  }
}

// Members see their own executions; owners and admins see everyone's. Another person's id
// answers 404, not 403, so ids of others' runs are not confirmed.
const visibleTo = (actor: Principal) => (hasRole(actor.role, 'admin') ? undefined : eq(execution.actorId, actor.userId))

/** The same rule for a run known by its actor's id. */
export const canSee = (actor: Principal, actorId: string) => hasRole(actor.role, 'admin') || actorId === actor.userId

/** A page boundary: start time plus id, so runs started in the same millisecond are not skipped. */
export const HISTORY_CURSOR = /^(\d{1,15}):([\w-]{1,100})$/

function olderThan(cursor: string | undefined) {
  const match = cursor?.match(HISTORY_CURSOR)
  if (!match) return undefined
  const at = new Date(Number(match[1]))
  const id = match[2] ?? ''
  return or(lt(execution.startedAt, at), and(eq(execution.startedAt, at), lt(execution.id, id)))
}

export async function listExecutions(
  db: Database,
  actor: Principal,
  options: { limit: number; before?: string; now?: number; filter?: HistoryFilter },
): Promise<{ executions: ExecutionSummary[]; nextBefore: string | null }> {
  const now = options.now ?? Date.now()
  const rows = await db
    .select()
    .from(execution)
    .where(and(visibleTo(actor), olderThan(options.before), ...historyConditions(options.filter ?? {}, now)))
    .orderBy(desc(execution.startedAt), desc(execution.id))
    .limit(options.limit + 1)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    executions: page.map((row) => toSummary(asReported(row, now))),
    nextBefore: rows.length > options.limit && last ? `${last.startedAt.getTime()}:${last.id}` : null,
  }
}

export async function getExecution(db: Database, actor: Principal, id: string, now = Date.now()): Promise<ExecutionView> {
  const stored = await db.select().from(execution).where(and(eq(execution.id, id), visibleTo(actor))).get()
  if (!stored) throw new AppError('NOT_FOUND', 'No such execution')
  const row = asReported(stored, now)
  const calls = await db.select().from(toolCall).where(eq(toolCall.executionId, id)).orderBy(toolCall.seq)
  const result = asRecord(row.result)
  const logs = asRecord(row.logs)
  return {
    ...toSummary(row),
    code: row.code,
    result: json(result?.value),
    resultTruncated: result?.truncated === true,
    // Stored by runExecution or markInterrupted, always in this shape.
    error: (row.error as ExecutionError | null) ?? null,
    logs: Array.isArray(logs?.entries) ? (logs.entries as SandboxOutcome['logs']) : [],
    logsTruncated: logs?.truncated === true,
    toolCalls: calls.map((c) => ({
      path: c.path,
      args: json(c.args),
      startedAtMs: c.startedAtMs,
      durationMs: c.durationMs,
      ok: c.ok,
      ...(c.error ? { error: c.error } : {}),
      ...(c.integration ? { integration: c.integration } : {}),
      ...(c.connection ? { connection: c.connection } : {}),
      ...(c.method ? { method: c.method } : {}),
      ...(c.httpStatus !== null ? { httpStatus: c.httpStatus } : {}),
    })),
    // Stored as resolved by runExecution.
    limits: row.limits as SandboxLimits,
  }
}

type StoredRow = typeof execution.$inferSelect

// A `running` row no process can still be running (see interrupted.ts) reads as interrupted.
function asReported(row: StoredRow, now: number): StoredRow {
  if (row.status !== 'running' || !isStale(row, now)) return row
  return { ...row, status: 'interrupted', error: interruptedError() }
}

function toSummary(row: StoredRow): ExecutionSummary {
  const error = asRecord(row.error)
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    toolCallCount: row.toolCallCount,
    errorMessage: typeof error?.message === 'string' ? error.message : null,
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined
}
