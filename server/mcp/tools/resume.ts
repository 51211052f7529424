// `resume`: waits for a paused execution's decision and returns how the program ended. The
// decision comes from a person (the approval link, the console, the HTTP API) and the program goes
// on where it is decided, so this only watches the stored execution: it works from any MCP
// session of the same principal, after a server restart, and on the Worker from any isolate.
import { z } from 'zod'
import type { Principal } from '../../auth/principal'
import { getExecution, type ExecutionDeps, type ExecutionView } from '../../executions/executions'
import { AppError } from '../../http/app-error'
import { invalidInputResult } from '../invalid-input'
import { toToolResult } from './execute'

/** Longest wait one call makes: under the common 60 s request timeout of MCP clients. */
export const MAX_RESUME_WAIT_SECONDS = 50
export const DEFAULT_RESUME_WAIT_SECONDS = 30
const POLL_MS = 250

export const ResumeInputSchema = z.object({
  executionId: z.string({ error: 'executionId must be the id execute returned' }).min(1).max(100),
  waitSeconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_RESUME_WAIT_SECONDS)
    .optional()
    .describe(`how long to wait for the decision (default ${DEFAULT_RESUME_WAIT_SECONDS}, at most ${MAX_RESUME_WAIT_SECONDS})`),
})
export const resumeInput = z.looseObject({}).meta(z.toJSONSchema(ResumeInputSchema, { io: 'input' }))

export const resumeDescription =
  'Wait for a paused execution (status "paused" from execute) to be approved or denied, and return its result as execute would. ' +
  'It waits up to waitSeconds; if nobody has decided yet it answers "paused" again with the approval link, and you may call it again.'

export async function resume(
  deps: ExecutionDeps & { publicOrigin: string },
  principal: Principal,
  args: unknown,
  signal: AbortSignal,
) {
  const input = ResumeInputSchema.safeParse(args)
  if (!input.success) return invalidInputResult(input.error)
  const { executionId, waitSeconds = DEFAULT_RESUME_WAIT_SECONDS } = input.data
  const deadline = deps.now() + waitSeconds * 1000
  let run: ExecutionView
  for (;;) {
    try {
      run = await getExecution(deps.db, principal, executionId, deps.now())
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        return { content: [{ type: 'text' as const, text: `No execution ${executionId} that you ran or may see` }], isError: true }
      }
      throw error
    }
    const waiting = run.status === 'paused' || run.status === 'running'
    if (!waiting || deps.now() >= deadline || signal.aborted) break
    await sleep(Math.min(POLL_MS, deadline - deps.now()), signal)
  }
  if (run.status === 'running') {
    return {
      content: [{ type: 'text' as const, text: `Execution ${executionId} was decided and is still running; call resume again to wait for its result.` }],
      structuredContent: { executionId, status: 'running' as const, logs: [], durationMs: run.durationMs ?? 0, toolCalls: run.toolCallCount },
      isError: false,
    }
  }
  return toToolResult(run, deps.publicOrigin)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms))
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
