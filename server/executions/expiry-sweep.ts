// A paused execution whose approval ran out reads as `expired` everywhere (asReported), but its
// row stays `paused` and the tool results kept for its replay stay stored until something ends it.
// Nobody may ever decide it, so this sweep ends such executions for good and frees what they
// kept: the container runs it at boot and then every minute, the Worker from its Cron Trigger.
import type { Database } from '~/db/database'
import { errorFields, type Logger } from '../observability/logger'
import { expireOverdue } from './approvals'

export const EXPIRY_SWEEP_EVERY_MS = 60_000

/** Ends every overdue paused execution; logs how many. Never throws: the next sweep tries again. */
export async function sweepExpiredApprovals(db: Database, now: number, log: Logger): Promise<number> {
  try {
    const ended = await expireOverdue(db, now)
    if (ended > 0) log.info('paused executions expired', { executions: ended })
    return ended
  } catch (error) {
    log.warn('expiry sweep failed; the next one tries again', errorFields(error))
    return 0
  }
}

/** Sweeps every `everyMs` until stopped; a sweep still running skips the next tick. */
export function startExpirySweep(db: Database, log: Logger, now: () => number, everyMs = EXPIRY_SWEEP_EVERY_MS): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    void sweepExpiredApprovals(db, now(), log).finally(() => {
      running = false
    })
  }, everyMs)
  ;(timer as { unref?: () => void }).unref?.()
  return () => clearInterval(timer)
}
