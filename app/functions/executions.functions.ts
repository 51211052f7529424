import { notFound } from '@tanstack/react-router'
import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { getExecution, HISTORY_CURSOR, listExecutions } from '~/server/executions/executions'
import { HistoryFilterSchema } from '~/server/executions/history-filter.schema'
import { AppError } from '~/server/http/app-error'
import { requireRole } from './auth.middleware'

export const listExecutionsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(
    HistoryFilterSchema.extend({ before: z.string().regex(HISTORY_CURSOR).optional(), limit: z.number().int().min(1).max(200).optional() }),
  )
  .handler(({ data: { before, limit, ...filter }, context }) =>
    listExecutions(context.platform.db, context.principal, { limit: limit ?? 50, before, filter }),
  )

export const getExecutionFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ id: z.string().min(1).max(100) }))
  .handler(async ({ data, context }) => {
    try {
      return await getExecution(context.platform.db, context.principal, data.id)
    } catch (error) {
      // The router's own not-found travels to the browser intact; an AppError only as text.
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound()
      throw error
    }
  })
