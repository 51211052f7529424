// Cancelling a running execution. Who may: whoever may read it (its actor, owners and admins);
// anyone else gets the same 404 as reading. Only the process running it can stop it, so a run
// whose row says `running` but that this process does not hold is answered 409, honestly.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { execution, toolResult } from '~/db/schema'
import type { Principal } from '../auth/principal'
import { AppError } from '../http/app-error'
import { canSee, getExecution, type ExecutionView } from './executions'
import { findRunning } from './running-executions'

/** How long a cancel waits for the run to end, so the answer usually shows it finished. */
export const CANCEL_WAIT_MS = 2_000

/** `ended`: the run has finished (the execution is its final record); else it still winds down. */
export type CancelResult = { execution: ExecutionView; ended: boolean }

export async function cancelExecution(db: Database, actor: Principal, id: string, now: () => number): Promise<CancelResult> {
  const held = findRunning(id)
  if (held && canSee(actor, held.actorId)) {
    held.cancel(cancellerName(actor))
    const ended = await within(held.finished, CANCEL_WAIT_MS)
    if (ended) return { execution: ended, ended: true }
    return { execution: await getExecution(db, actor, id, now()), ended: false }
  }
  const stored = await getExecution(db, actor, id, now())
  if (stored.status === 'paused') {
    // Nothing runs while paused: cancelling ends it here, and its pending call is never made.
    const ended = await db
      .update(execution)
      .set({ status: 'cancelled', pending: null, finishedAt: new Date(now()), error: { kind: 'aborted', name: 'AbortError', message: `Cancelled by ${cancellerName(actor)} while waiting for approval` } })
      .where(and(eq(execution.id, id), eq(execution.status, 'paused')))
      .returning({ id: execution.id })
    if (ended.length > 0) {
      await db.delete(toolResult).where(eq(toolResult.executionId, id))
      return { execution: await getExecution(db, actor, id, now()), ended: true }
    }
    return cancelExecution(db, actor, id, now)
  }
  if (stored.status !== 'running') {
    throw new AppError('CONFLICT', `This execution is not running: it ended as ${stored.status}`)
  }
  throw new AppError(
    'CONFLICT',
    'This execution is running in another server process, and only that process can cancel it; it ends by its time limit at the latest',
  )
}

function cancellerName(actor: Principal) {
  return actor.name ? `${actor.name} (${actor.email})` : actor.email
}

/** The promise's value if it settles within `ms`, else undefined (also when it rejects). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise.catch(() => undefined), timeout])
  } finally {
    clearTimeout(timer)
  }
}
