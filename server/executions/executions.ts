// Executions (SPEC §6, §7): run agent code in a fresh sandbox, record who ran what, the logs,
// every tool call with its timing, and the result or error. The row is written when the run
// starts (so history shows running work) and completed when it ends.
import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { ExecutionSource, ExecutionStatus } from '~/db/enums'
import { execution, toolCall } from '~/db/schema'
import { hasRole, type Principal } from '../auth/principal'
import type { Catalog } from '../catalog/catalog'
import { createDispatcher } from '../catalog/dispatch'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import type { Logger } from '../observability/logger'
import { resolveLimits, type SandboxLimits } from '../sandbox/limits'
import type { SandboxOutcome } from '../sandbox/run-code'
import type { RunRequest, SandboxRunner } from '../sandbox/runner'
import type { RunCodeInput } from './execution.schema'

export type ExecutionDeps = { db: Database; catalog: Catalog; log: Logger; runner: SandboxRunner; now: () => number }

/** What a caller may watch or control while its program runs. */
export type ExecutionObserver = Pick<RunRequest, 'signal' | 'onLog' | 'onToolCall'>

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
  error: SandboxOutcome['error'] | null
  logs: SandboxOutcome['logs']
  logsTruncated: boolean
  resultTruncated: boolean
  toolCalls: (Omit<SandboxOutcome['toolCalls'][number], 'args'> & { args: JsonValue })[]
  limits: SandboxLimits
}

// Results, arguments and limits cross the sandbox boundary and the database as JSON text, so
// they are JSON values by construction; this only tells the type system so.
const json = (value: unknown): JsonValue => (value === undefined ? null : (value as JsonValue))

export async function runExecution(
  deps: ExecutionDeps,
  actor: Principal,
  input: RunCodeInput,
  source: ExecutionSource,
  observer: ExecutionObserver = {},
): Promise<ExecutionView> {
  const limits = resolveLimits(input.limits)
  const id = newId('exe')
  const startedAt = deps.now()
  await deps.db.insert(execution).values({
    id,
    actorId: actor.userId,
    actorName: actor.name,
    actorEmail: actor.email,
    source,
    code: input.code,
    status: 'running',
    logs: [],
    limits,
    startedAt: new Date(startedAt),
  })
  let outcome: SandboxOutcome
  try {
    outcome = await deps.runner.run({
      code: input.code,
      limits,
      principalId: actor.userId,
      dispatch: createDispatcher(deps.catalog),
      ...observer,
    })
  } catch (error) {
    // Refused before it ran (the concurrency caps answer RATE_LIMITED): nothing ran, so no history.
    await deps.db.delete(execution).where(eq(execution.id, id))
    throw error
  }
  const finishedAt = deps.now()
  await deps.db
    .update(execution)
    .set({
      status: outcome.status,
      result: outcome.result === undefined ? null : { value: outcome.result, truncated: outcome.resultTruncated },
      error: outcome.error ?? null,
      logs: { entries: outcome.logs, truncated: outcome.logsTruncated },
      toolCallCount: outcome.toolCalls.length,
      finishedAt: new Date(finishedAt),
      durationMs: Math.round(outcome.durationMs),
    })
    .where(eq(execution.id, id))
  if (outcome.toolCalls.length > 0) {
    await deps.db.insert(toolCall).values(
      outcome.toolCalls.map((call, seq) => ({
        executionId: id,
        seq,
        path: call.path,
        args: call.args ?? null,
        startedAtMs: Math.round(call.startedAtMs),
        durationMs: Math.round(call.durationMs),
        ok: call.ok,
        error: call.error ?? null,
      })),
    )
  }
  deps.log.info('execution', {
    executionId: id,
    actorId: actor.userId,
    source,
    status: outcome.status,
    durationMs: Math.round(outcome.durationMs * 10) / 10,
    toolCalls: outcome.toolCalls.length,
    ...(outcome.error ? { errorKind: outcome.error.kind } : {}),
  })
  return {
    id,
    status: outcome.status,
    source,
    actor: { id: actor.userId, name: actor.name, email: actor.email },
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(outcome.durationMs),
    toolCallCount: outcome.toolCalls.length,
    errorMessage: outcome.error?.message ?? null,
    code: input.code,
    result: json(outcome.result),
    error: outcome.error ?? null,
    logs: outcome.logs,
    logsTruncated: outcome.logsTruncated,
    resultTruncated: outcome.resultTruncated,
    toolCalls: outcome.toolCalls.map((call) => ({ ...call, args: json(call.args) })),
    limits,
  }
}

// Members see their own executions; owners and admins see everyone's. Another person's id
// answers 404, not 403, so ids of others' runs are not confirmed.
const visibleTo = (actor: Principal) => (hasRole(actor.role, 'admin') ? undefined : eq(execution.actorId, actor.userId))

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
  options: { limit: number; before?: string },
): Promise<{ executions: ExecutionSummary[]; nextBefore: string | null }> {
  const rows = await db
    .select()
    .from(execution)
    .where(and(visibleTo(actor), olderThan(options.before)))
    .orderBy(desc(execution.startedAt), desc(execution.id))
    .limit(options.limit + 1)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    executions: page.map(toSummary),
    nextBefore: rows.length > options.limit && last ? `${last.startedAt.getTime()}:${last.id}` : null,
  }
}

export async function getExecution(db: Database, actor: Principal, id: string): Promise<ExecutionView> {
  const row = await db.select().from(execution).where(and(eq(execution.id, id), visibleTo(actor))).get()
  if (!row) throw new AppError('NOT_FOUND', 'No such execution')
  const calls = await db.select().from(toolCall).where(eq(toolCall.executionId, id)).orderBy(toolCall.seq)
  const result = asRecord(row.result)
  const logs = asRecord(row.logs)
  return {
    ...toSummary(row),
    code: row.code,
    result: json(result?.value),
    resultTruncated: result?.truncated === true,
    error: (row.error as SandboxOutcome['error']) ?? null,
    logs: Array.isArray(logs?.entries) ? (logs.entries as SandboxOutcome['logs']) : [],
    logsTruncated: logs?.truncated === true,
    toolCalls: calls.map((c) => ({
      path: c.path,
      args: json(c.args),
      startedAtMs: c.startedAtMs,
      durationMs: c.durationMs,
      ok: c.ok,
      ...(c.error ? { error: c.error } : {}),
    })),
    // Stored as resolved by runExecution.
    limits: row.limits as SandboxLimits,
  }
}

function toSummary(row: typeof execution.$inferSelect): ExecutionSummary {
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
