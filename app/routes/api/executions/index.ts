import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { RunCodeSchema } from '~/server/executions/execution.schema'
import { HISTORY_CURSOR, listExecutions, runExecution } from '~/server/executions/executions'
import { HistoryFilterSchema } from '~/server/executions/history-filter.schema'
import { AppError } from '~/server/http/app-error'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { executionDeps } from '~/server/services'

// autoApprove is accepted here only (owners and admins): never from an agent over /mcp.
const ApiRunSchema = RunCodeSchema.extend({ autoApprove: z.boolean({ error: "autoApprove must be true or false" }).optional() })

const ListQuerySchema = HistoryFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().regex(HISTORY_CURSOR, 'before must be a nextBefore value from a previous page').optional(),
})

export const Route = createFileRoute('/api/executions/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const query = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
        if (!query.success) throw new AppError('BAD_REQUEST', `Invalid query: ${query.error.issues[0]?.message ?? 'bad value'}`)
        const { limit, before, ...filter } = query.data
        return Response.json(await listExecutions(platform.db, actor, { limit, before, filter, now: platform.now() }))
      },
      POST: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const { autoApprove, ...input } = await readJsonBody(request, ApiRunSchema)
        // A session cookie means a person in the console; keys and tokens are programs.
        const source = actor.via === 'session' ? 'console' : 'api'
        const run = await runExecution(executionDeps(platform), actor, input, source, {}, { autoApprove })
        // A paused run was created all the same; 202 says it waits for a decision.
        return Response.json(run, { status: run.status === 'paused' ? 202 : 201 })
      },
    },
  },
})
