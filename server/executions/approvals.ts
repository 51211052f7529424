// Deciding a paused execution's pending call, and finding the ones waiting.
//
// Who may decide: the person who ran it and owners and admins (the same people who may read it;
// anyone else gets the 404 of reading). With the "different approver" setting, not the person
// who ran it. A decision is written first, with who and when, in one conditional update (two
// people deciding at once: one wins, the other is told); then the program goes on by replay in
// this request, so the answer is usually the finished execution.
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { execution, toolResult } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { AppError } from '../http/app-error'
import { readApprovalSettings } from '../policies/approval-settings'
import type { SandboxLimits } from '../sandbox/limits'
import {
  asReported,
  canSee,
  expiredError,
  startRun,
  type ExecutionDeps,
  type ExecutionObserver,
  type ExecutionView,
} from './executions'
import type { ApprovalRecord, ApprovalVia, PendingCall } from './replay-records'
import { loadReplay } from './replay-store'
import { depsForRun } from '../toolkits/toolkit-runs'

export type PendingApproval = {
  id: string
  actor: { id: string; name: string; email: string }
  startedAt: string
  path: string
  reason: string
  expiresAt: string
}

/** Paused executions `viewer` may decide (theirs, or everyone's for admins), oldest first: a queue. */
export async function listPendingApprovals(db: Database, viewer: Principal, now: number, limit = 50): Promise<{ count: number; approvals: PendingApproval[] }> {
  const settings = await readApprovalSettings(db)
  const mine = hasRole(viewer.role, 'admin') ? undefined : eq(execution.actorId, viewer.userId)
  // With the different-approver setting, one's own runs wait for someone else.
  const notMine = settings.requireDifferentApprover ? ne(execution.actorId, viewer.userId) : undefined
  const waiting = and(eq(execution.status, 'paused'), gt(execution.expiresAt, new Date(now)), mine, notMine)
  const [rows, [counted]] = await db.batch([
    db.select().from(execution).where(waiting).orderBy(asc(execution.startedAt)).limit(limit),
    db.select({ count: sql<number>`count(*)` }).from(execution).where(waiting),
  ])
  return {
    count: counted?.count ?? 0,
    approvals: rows.map((row) => {
      // Stored by savePaused, in this shape.
      const pending = row.pending as PendingCall
      return {
        id: row.id,
        actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
        startedAt: row.startedAt.toISOString(),
        path: pending.path,
        reason: pending.policy.reason,
        expiresAt: row.expiresAt?.toISOString() ?? '',
      }
    }),
  }
}

/** Why `decider` may not decide this run, or undefined when they may. */
export async function decisionRefusal(db: Database, decider: Principal, actorId: string): Promise<string | undefined> {
  if (!canSee(decider, actorId)) return 'Only the person who ran it and owners and admins may decide'
  const settings = await readApprovalSettings(db)
  if (settings.requireDifferentApprover && decider.userId === actorId) {
    return 'An approval here must come from someone other than the person who ran the program'
  }
  return undefined
}

/**
 * Records `decider`'s decision on execution `id`'s pending call and runs the program on from it.
 * Resolves with the execution as it then stands: finished, or paused again on a later call.
 */
export async function decideExecution(
  deps: ExecutionDeps,
  decider: Principal,
  id: string,
  approve: boolean,
  via: Exclude<ApprovalVia, 'auto_approve' | 'elicitation'>,
  observer: ExecutionObserver = {},
): Promise<ExecutionView> {
  const now = deps.now()
  const row = await deps.db.select().from(execution).where(eq(execution.id, id)).get()
  // A run the decider may not see answers the same 404 as reading it.
  if (!row || !canSee(decider, row.actorId)) throw new AppError('NOT_FOUND', 'No such execution')
  if (row.status === 'paused' && row.expiresAt && row.expiresAt.getTime() <= now) {
    await expire(deps.db, id, row.pending as PendingCall | null, row.expiresAt)
    throw new AppError('CONFLICT', `The approval expired at ${row.expiresAt.toISOString()}; run the program again`)
  }
  if (row.status !== 'paused' || !row.pending) {
    throw new AppError('CONFLICT', `This execution is not waiting for approval: it is ${asReported(row, now).status.replace('_', ' ')}`)
  }
  const refusal = await decisionRefusal(deps.db, decider, row.actorId)
  if (refusal) throw new AppError('FORBIDDEN', refusal)
  const decision: ApprovalRecord = { approved: approve, by: actorOf(decider), at: new Date(now).toISOString(), via }
  // Stored by savePaused, in this shape.
  const pending = { ...(row.pending as PendingCall), decision }
  const taken = await deps.db
    .update(execution)
    .set({ status: 'running', pending, resumedAt: new Date(now) })
    .where(and(eq(execution.id, id), eq(execution.status, 'paused')))
    .returning({ id: execution.id })
  if (taken.length === 0) throw new AppError('CONFLICT', 'Someone else decided this call a moment ago')
  await recordAudit(deps.db, actorOf(decider), {
    action: 'approval.decided',
    target: { type: 'execution', id, label: `tools.${pending.path}` },
    details: { approved: approve, tool: pending.path, via, ranBy: row.actorEmail || row.actorName },
  })
  const actor: Principal = {
    userId: row.actorId,
    name: row.actorName,
    email: row.actorEmail,
    role: pending.principal.role,
    via: pending.principal.via,
    ...(pending.principal.apiKeyId ? { apiKeyId: pending.principal.apiKeyId } : {}),
  }
  const replay = await loadReplay(deps.db, id)
  return startRun(
    await depsForRun(deps, id),
    actor,
    {
      row: { ...row, status: 'running', limits: row.limits as SandboxLimits },
      limits: row.limits as SandboxLimits,
      resume: { pending, replay, priorDurationMs: row.durationMs ?? 0, resumedAt: now },
    },
    observer,
  )
}

/** Ends a paused execution whose approval expired, dropping the results kept for its replay. */
export async function expire(db: Database, id: string, pending: PendingCall | null, expiresAt: Date): Promise<void> {
  await db.batch([
    db
      .update(execution)
      .set({ status: 'expired', error: expiredError(pending, expiresAt), finishedAt: expiresAt, pending: null })
      .where(and(eq(execution.id, id), eq(execution.status, 'paused'))),
    db.delete(toolResult).where(eq(toolResult.executionId, id)),
  ])
}

/** Ends every paused execution past its expiry (the container at boot and now and then). */
export async function expireOverdue(db: Database, now: number): Promise<number> {
  const overdue = await db
    .select({ id: execution.id, pending: execution.pending, expiresAt: execution.expiresAt })
    .from(execution)
    .where(and(eq(execution.status, 'paused'), sql`${execution.expiresAt} <= ${now}`))
  for (const row of overdue) await expire(db, row.id, row.pending as PendingCall | null, row.expiresAt ?? new Date(now))
  return overdue.length
}
