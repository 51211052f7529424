// Executions: run agent code in a fresh sandbox, record who ran what, the logs,
// every tool call with its timing, and the result or error.
//
// Policies and approvals: each tool call is decided by the policy list (run-session.ts); one that
// needs a person's approval either is asked inline or pauses the execution, which is stored with
// everything a replay needs and holds no memory anywhere. A decision (approvals.ts) runs the
// program again from the start by deterministic replay and it goes on from the approved call.
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
import { resolveLimits, type LimitBounds, type SandboxLimits } from '../sandbox/limits'
import type { SandboxOutcome } from '../sandbox/run-code'
import type { RunRequest, SandboxRunner } from '../sandbox/runner'
import { actorOf, recordAudit } from '../audit/audit-log'
import { readApprovalSettings } from '../policies/approval-settings'
import type { PolicyDecision } from '../policies/decide-policy'
import { listPolicies } from '../policies/policies'
import { randomSeed } from '../sandbox/run-code'
import type { ExecutionError } from './execution-error'
import type { RunCodeInput } from './execution.schema'
import type { HistoryFilter } from './history-filter.schema'
import { historyConditions } from './history-query'
import { writeFinished, type ExecutionRow, type StoredCall } from './history-write'
import { interruptedError, isStale } from './interrupted'
import type { ApprovalRecord, PendingCall } from './replay-records'
import type { StoredReplay } from './replay-store'
import { createRunSession, type AskApproval, type RunSession } from './run-session'
import { trackRunning } from './running-executions'
import { linkToolkitRun } from '../toolkits/toolkit-runs'

export type ExecutionDeps = {
  db: Database
  catalog: ToolCatalog
  log: Logger
  runner: SandboxRunner
  now: () => number
  /** the deployment's own limit defaults and ceilings (unset: DEFAULT_LIMITS, MAX_LIMITS) */
  limits?: LimitBounds
  /** set when `catalog` is scoped to a toolkit: the run is linked to it, so a resumed run is scoped the same */
  toolkit?: { id: string }
}

/** What a caller may watch or control while its program runs, and how it can ask a person inline. */
export type ExecutionObserver = Pick<RunRequest, 'signal' | 'onLog' | 'onToolCall'> & { ask?: AskApproval }

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

/** The call a paused execution waits on, as people and agents see it. */
export type PendingView = {
  seq: number
  path: string
  args: JsonValue
  policy: PolicyDecision
  requestedAt: string
  expiresAt: string
}

export type ToolCallView = Omit<SandboxOutcome['toolCalls'][number], 'args' | 'settleIndex' | 'settledAt'> & {
  args: JsonValue
  policy?: PolicyDecision
  approval?: ApprovalRecord
}

export type ExecutionView = ExecutionSummary & {
  code: string
  result: JsonValue
  error: ExecutionError | null
  logs: SandboxOutcome['logs']
  logsTruncated: boolean
  resultTruncated: boolean
  toolCalls: ToolCallView[]
  limits: SandboxLimits
  /** set while `paused` */
  pending: PendingView | null
  autoApprove: boolean
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
  options: { autoApprove?: boolean } = {},
): Promise<ExecutionView> {
  if (options.autoApprove && !hasRole(actor.role, 'admin')) {
    throw new AppError('FORBIDDEN', 'Only owners and admins may run code with autoApprove')
  }
  const limits = resolveLimits(input.limits, deps.limits?.max, deps.limits?.defaults)
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
    seed: randomSeed(),
    autoApprove: options.autoApprove === true,
  }
  if (deps.toolkit) await linkToolkitRun(deps.db, row.id, deps.toolkit.id)
  if (row.autoApprove) {
    await recordAudit(deps.db, actorOf(actor), {
      action: 'execution.auto_approved',
      target: { type: 'execution', id: row.id, label: input.code.slice(0, 80) },
      details: { source },
    })
  }
  return startRun(deps, actor, { row, limits }, observer)
}

/** A run of an execution's program: a fresh one, or one going on after a decision. */
export type RunPlan = {
  row: ExecutionRow
  limits: SandboxLimits
  resume?: {
    pending: PendingCall
    replay: StoredReplay
    /** time the program already ran before it paused (ms) */
    priorDurationMs: number
    resumedAt: number
  }
}

/** Runs the plan, tracked so it can be cancelled by id; settles with the stored execution. */
export function startRun(deps: ExecutionDeps, actor: Principal, plan: RunPlan, observer: ExecutionObserver = {}): Promise<ExecutionView> {
  const controller = new AbortController()
  let cancelledBy: string | undefined
  const signal = observer.signal ? AbortSignal.any([observer.signal, controller.signal]) : controller.signal
  const session = createRunSession({
    actor,
    autoApprove: plan.row.autoApprove === true,
    settings: () => readApprovalSettings(deps.db),
    rules: () => listPolicies(deps.db),
    ask: observer.ask,
    replay: plan.resume && { records: plan.resume.replay.records, pending: plan.resume.pending },
    abort: () => controller.abort(),
    now: deps.now,
  })
  const finished = runAndRecord(deps, actor, plan, session, { ...observer, signal }, () => cancelledBy)
  trackRunning(plan.row.id, {
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
  plan: RunPlan,
  session: RunSession,
  observer: ExecutionObserver,
  cancelledBy: () => string | undefined,
): Promise<ExecutionView> {
  const { row, limits, resume } = plan
  let runningRow: Promise<void> | undefined
  // A resumed run's row already says `running` (the decision wrote it).
  const timer = resume ? undefined : setTimeout(() => (runningRow = insertRunning(deps, row)), RUNNING_ROW_DELAY_MS)
  let outcome: SandboxOutcome
  let refusal: AppError | undefined
  try {
    outcome = await deps.runner.run({
      code: row.code,
      limits,
      principalId: row.actorId,
      dispatch: session.wrap(deps.catalog.dispatcher(actor, { gate: session.gate })),
      seed: row.seed ?? 0,
      clockStart: row.startedAt.getTime(),
      signal: observer.signal,
      onLog: observer.onLog,
      onToolCall: observer.onToolCall,
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
    // history; a `running` row written while it waited for a slot goes again. A run going on
    // after a decision goes back to waiting, so the decision can be made again once there is room.
    if (resume) await deps.db.update(execution).set({ status: 'paused', resumedAt: null }).where(eq(execution.id, row.id))
    else if (runningRow) await deps.db.delete(execution).where(eq(execution.id, row.id))
    throw refusal
  }
  const durationMs = (resume?.priorDurationMs ?? 0) + outcome.durationMs
  const calls = storedCalls(outcome, session, resume, resume ? resume.resumedAt - row.startedAt.getTime() : 0)
  const pending = session.paused()
  if (pending && !session.divergence() && outcome.error?.kind === 'aborted' && cancelledBy() === undefined) {
    return savePaused(deps, row, outcome, calls, session, pending, durationMs, resume !== undefined)
  }
  const ending = endingOf(outcome, cancelledBy(), session, resume !== undefined)
  await saveFinished(deps, row, outcome, ending, calls, durationMs, resume !== undefined)
  deps.log.info('execution', {
    executionId: row.id,
    actorId: row.actorId,
    source: row.source,
    status: ending.status,
    durationMs: Math.round(outcome.durationMs * 10) / 10,
    toolCalls: outcome.toolCalls.length,
    ...(outcome.engineBytes === undefined ? {} : { engineBytes: outcome.engineBytes }),
    ...(resume ? { resumed: true } : {}),
    ...(ending.error ? { errorKind: ending.error.kind } : {}),
  })
  return {
    ...viewOf(row, ending.status, Math.round(durationMs), calls, ending.error),
    result: ending.status === 'completed' ? json(outcome.result) : null,
    logs: outcome.logs,
    logsTruncated: outcome.logsTruncated,
    resultTruncated: outcome.resultTruncated,
  }
}

function viewOf(row: ExecutionRow, status: ExecutionStatus, durationMs: number, calls: StoredCall[], error: ExecutionError | null): ExecutionView {
  return {
    id: row.id,
    status,
    source: row.source,
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    startedAt: row.startedAt.toISOString(),
    durationMs,
    toolCallCount: calls.length,
    errorMessage: error?.message ?? null,
    code: row.code,
    result: null,
    error,
    logs: [],
    logsTruncated: false,
    resultTruncated: false,
    toolCalls: calls.map(callView),
    limits: row.limits as SandboxLimits,
    pending: null,
    autoApprove: row.autoApprove === true,
  }
}

function callView(call: StoredCall): ToolCallView {
  const { seq: _seq, argsHash: _hash, settleIndex: _index, settledAt: _at, policy, approval, ...rest } = call
  return { ...rest, args: json(call.args), ...(policy ? { policy } : {}), ...(approval ? { approval } : {}) }
}

/**
 * The calls as history keeps them. A call the replay answered from its record keeps the row stored
 * when it was made (its real timing, where it went, its decisions); calls made in a run after a
 * pause are timed from the execution's start.
 */
function storedCalls(outcome: SandboxOutcome, session: RunSession, resume: RunPlan['resume'], offsetMs: number): StoredCall[] {
  return outcome.toolCalls.map((record, seq) => {
    const notes = session.notes(seq)
    const kept = notes?.replayed ? resume?.replay.calls.get(seq) : undefined
    if (kept) return kept
    return {
      ...record,
      seq,
      startedAtMs: record.startedAtMs + offsetMs,
      argsHash: notes?.argsHash,
      policy: notes?.policy,
      approval: notes?.approval,
    }
  })
}

type Ending = { status: ExecutionStatus; error: ExecutionError | null }

// A run someone cancelled ends `cancelled`, saying who; other aborts (the caller went away,
// the server is shutting down) stay `failed` with kind `aborted`. A replay that went another way
// than its record, or ended before reaching what it recorded, ends `replay_diverged`.
function endingOf(outcome: SandboxOutcome, cancelledBy: string | undefined, session: RunSession, resumed: boolean): Ending {
  if (outcome.error?.kind === 'aborted' && cancelledBy !== undefined) {
    return { status: 'cancelled', error: { ...outcome.error, message: `Cancelled by ${cancelledBy}` } }
  }
  const divergence = session.divergence() ?? (resumed ? session.unreached() : undefined)
  if (divergence) return { status: 'replay_diverged', error: { kind: 'replay_diverged', name: 'ReplayDivergedError', message: divergence } }
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

async function saveFinished(
  deps: ExecutionDeps,
  row: ExecutionRow,
  outcome: SandboxOutcome,
  ending: Ending,
  calls: StoredCall[],
  durationMs: number,
  replace: boolean,
) {
  const finished = {
    ...row,
    ...ending,
    result: ending.status !== 'completed' || outcome.result === undefined ? null : { value: outcome.result, truncated: outcome.resultTruncated },
    logs: { entries: outcome.logs, truncated: outcome.logsTruncated },
    toolCallCount: calls.length,
    finishedAt: new Date(deps.now()),
    durationMs: Math.round(durationMs),
    pending: null,
    expiresAt: null,
  }
  try {
    await writeFinished(deps.db, finished, calls, { replace })
    return
  } catch (error) {
    deps.log.error('execution history not saved', { executionId: row.id, toolCalls: calls.length, ...errorFields(error) })
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
      { replace },
    )
  } catch (error) {
    deps.log.error('execution row not ended', { executionId: row.id, ...errorFields(error) })
  }
}

/**
 * Stores a run that paused: the pending call, when its approval expires, and every call that
 * settled with its result, for the replay. If that cannot be written the run fails instead: a
 * pause nobody could resume must not look like one.
 */
async function savePaused(
  deps: ExecutionDeps,
  row: ExecutionRow,
  outcome: SandboxOutcome,
  calls: StoredCall[],
  session: RunSession,
  pending: PendingCall,
  durationMs: number,
  replace: boolean,
): Promise<ExecutionView> {
  const settings = await readApprovalSettings(deps.db)
  const expiresAt = new Date(deps.now() + settings.expiryMinutes * 60_000)
  const settled = session.settled()
  const bySeq = new Map(calls.map((call) => [call.seq, call]))
  // The session's word on each settled call: a result that arrived as the run was ending never
  // reached the program, so the sandbox's record calls it unsettled, yet the replay hands it over.
  const settledCalls = settled.flatMap((record): StoredCall[] => {
    const call = bySeq.get(record.seq)
    if (!call) return []
    const { error: _error, errorName: _name, ...rest } = call
    return [
      {
        ...rest,
        ok: record.ok,
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.errorName !== undefined ? { errorName: record.errorName } : {}),
        settleIndex: record.settleIndex,
        settledAt: record.settledAt,
      },
    ]
  })
  const paused = {
    ...row,
    status: 'paused' as const,
    result: null,
    error: null,
    logs: { entries: outcome.logs, truncated: outcome.logsTruncated },
    toolCallCount: settledCalls.length,
    finishedAt: null,
    durationMs: Math.round(durationMs),
    pending,
    expiresAt,
  }
  try {
    await writeFinished(deps.db, paused, settledCalls, { replace: true, results: settled })
  } catch (error) {
    deps.log.error('paused execution not saved', { executionId: row.id, ...errorFields(error) })
    const failed: Ending = {
      status: 'failed',
      error: { kind: 'internal', name: 'InternalError', message: 'The run had to wait for an approval but could not be stored to wait; nothing after that call was made' },
    }
    await saveFinished(deps, row, outcome, failed, settledCalls, durationMs, replace)
    return viewOf(row, 'failed', Math.round(durationMs), settledCalls, failed.error)
  }
  deps.log.info('execution paused', { executionId: row.id, actorId: row.actorId, tool: pending.path, toolCalls: settledCalls.length })
  return {
    ...viewOf(row, 'paused', Math.round(durationMs), settledCalls, null),
    logs: outcome.logs,
    logsTruncated: outcome.logsTruncated,
    pending: pendingView(pending, expiresAt),
  }
}

export function pendingView(pending: PendingCall, expiresAt: Date): PendingView {
  return {
    seq: pending.seq,
    path: pending.path,
    args: pending.args,
    policy: pending.policy,
    requestedAt: pending.requestedAt,
    expiresAt: expiresAt.toISOString(),
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
  // Stored by savePaused, in this shape.
  const pending = row.status === 'paused' && row.pending && row.expiresAt ? pendingView(row.pending as PendingCall, row.expiresAt) : null
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
      ...(c.errorName ? { errorName: c.errorName } : {}),
      ...(c.integration ? { integration: c.integration } : {}),
      ...(c.connection ? { connection: c.connection } : {}),
      ...(c.method ? { method: c.method } : {}),
      ...(c.httpStatus !== null ? { httpStatus: c.httpStatus } : {}),
      // Written by writeFinished from these types.
      ...(c.policy ? { policy: c.policy as PolicyDecision } : {}),
      ...(c.approval ? { approval: c.approval as ApprovalRecord } : {}),
    })),
    // Stored as resolved by runExecution.
    limits: row.limits as SandboxLimits,
    pending,
    autoApprove: row.autoApprove,
  }
}

type StoredRow = typeof execution.$inferSelect

// A `running` row no process can still be running (see interrupted.ts) reads as interrupted; a
// `paused` one past its approval's expiry reads as expired.
export function asReported(row: StoredRow, now: number): StoredRow {
  if (row.status === 'paused' && row.expiresAt && row.expiresAt.getTime() <= now) {
    return { ...row, status: 'expired', error: expiredError(row.pending as PendingCall | null, row.expiresAt), pending: null }
  }
  if (row.status !== 'running' || !isStale({ startedAt: row.resumedAt ?? row.startedAt, limits: row.limits }, now)) return row
  return { ...row, status: 'interrupted', error: interruptedError() }
}

export function expiredError(pending: PendingCall | null, expiresAt: Date): ExecutionError {
  const call = pending ? `tools.${pending.path}` : 'the pending call'
  return {
    kind: 'expired',
    name: 'ApprovalExpiredError',
    message: `Nobody approved or denied ${call} before the approval expired at ${expiresAt.toISOString()}, so the program did not go on`,
  }
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
