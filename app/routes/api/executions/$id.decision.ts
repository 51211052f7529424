import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { decideExecution } from '~/server/executions/approvals'
import { inBackground } from '~/server/http/background'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { executionDeps } from '~/server/services'

const DecisionSchema = z
  .object({ approve: z.boolean({ error: 'approve must be true or false' }) })
  .strict()

export const Route = createFileRoute('/api/executions/$id/decision')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      // Approves or denies a paused execution's pending call; the program then goes on (by replay)
      // and the answer is the execution as it stands after: finished, or paused on a later call.
      POST: async ({ request, params, context: { platform, waitUntil } }) => {
        const decider = await requirePrincipal(platform, request)
        const { approve } = await readJsonBody(request, DecisionSchema)
        const via = decider.via === 'session' ? 'console' : 'api'
        // Not tied to this request: once decided, the run goes on even if the caller leaves.
        const run = decideExecution(executionDeps(platform), decider, params.id, approve, via)
        inBackground(run, waitUntil)
        return Response.json(await run)
      },
    },
  },
})
