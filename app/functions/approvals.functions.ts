import { notFound } from '@tanstack/react-router'
import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { decideExecution, decisionRefusal, listPendingApprovals } from '~/server/executions/approvals'
import { getExecution } from '~/server/executions/executions'
import { inBackground } from '~/server/http/background'
import { AppError } from '~/server/http/app-error'
import { executionDeps } from '~/server/services'
import { requireRole } from './auth.middleware'

const ExecutionId = z.object({ id: z.string().min(1).max(100) })

/** An execution as its approval page shows it, and why the viewer may not decide it (if so). */
export const getApprovalFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(ExecutionId)
  .handler(async ({ data, context }) => {
    const { db } = context.platform
    const execution = await getExecution(db, context.principal, data.id, context.platform.now()).catch(notFoundToRouter)
    const refusal = execution.status === 'paused' ? await decisionRefusal(db, context.principal, execution.actor.id) : undefined
    return { execution, refusal: refusal ?? null }
  })

/**
 * Approves or denies the pending call; the program goes on in this request. A decision the server
 * refuses (decided by someone else, expired, not this person's to make) comes back as a message
 * for the page, since a server function's thrown error reaches the browser without its code.
 */
export const decideExecutionFn = createServerFn({ method: 'POST' })
  .middleware([requireRole('member')])
  .validator(ExecutionId.extend({ approve: z.boolean() }))
  .handler(async ({ data, context }) => {
    const run = decideExecution(executionDeps(context.platform), context.principal, data.id, data.approve, 'console')
    // Once decided the run goes on even if the person closes the tab.
    inBackground(run, context.waitUntil)
    try {
      return { execution: await run, refused: null }
    } catch (error) {
      if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'FORBIDDEN')) return { execution: null, refused: error.message }
      return notFoundToRouter(error)
    }
  })

/** How many paused executions the viewer may decide, for the navigation's badge. */
export const listPendingApprovalsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context }) => {
    const { count } = await listPendingApprovals(context.platform.db, context.principal, context.platform.now(), 1)
    return { count }
  })

// The router's own not-found travels to the browser intact; an AppError only as text.
function notFoundToRouter(error: unknown): never {
  if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound()
  throw error
}
