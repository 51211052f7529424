// Runs whose process died before writing their outcome (a crash, `kill -9`, a redeploy) would
// otherwise say `running` forever. The container marks them at boot: it is the only process on
// its database file and runs nothing yet, so every `running` row is such a leftover. The Worker
// has no single boot (isolates come and go, several at once), so a row is reported interrupted
// when read once it is past its own time limit plus STALE_MARGIN_MS: no process can still be
// running it by then.
import { eq, inArray } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { execution, toolResult } from '~/db/schema'
import type { Logger } from '../observability/logger'
import { MAX_LIMITS } from '../sandbox/limits'
import type { ExecutionError } from './execution-error'

/** Beyond a run's time limit: waiting for a sandbox slot, and writing its history. */
export const STALE_MARGIN_MS = 2 * 60_000

export function interruptedError(): ExecutionError {
  return {
    kind: 'interrupted',
    name: 'InterruptedError',
    message: 'The server stopped while this ran, so its result, logs and tool calls were lost',
  }
}

/** At container boot: ends every run left `running`; returns how many there were. */
export async function markInterrupted(db: Database, now: number, log: Logger): Promise<number> {
  const marked = await db
    .update(execution)
    .set({ status: 'interrupted', error: interruptedError(), finishedAt: new Date(now) })
    .where(eq(execution.status, 'running'))
    .returning({ id: execution.id })
  if (marked.length > 0) {
    log.warn('executions interrupted by the last shutdown', { executions: marked.map((row) => row.id) })
    // A run going on after an approval kept results for its replay; nothing will replay it now.
    await db.delete(toolResult).where(inArray(toolResult.executionId, marked.map((row) => row.id)))
  }
  return marked.length
}

/** Whether a `running` row has outlived any process that could be running it. */
export function isStale(row: { startedAt: Date; limits: unknown }, now: number): boolean {
  const timeoutMs = timeoutOf(row.limits)
  return now > row.startedAt.getTime() + timeoutMs + STALE_MARGIN_MS
}

// Rows store the limits they ran with; an unreadable value gets the largest possible limit.
function timeoutOf(limits: unknown): number {
  const value: unknown = typeof limits === 'object' && limits !== null ? Reflect.get(limits, 'timeoutMs') : undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : MAX_LIMITS.timeoutMs
}
