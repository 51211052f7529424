// The tool catalog as the caller sees it (the same search and describe agents get), for the
// Tools page.
import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import type { ToolDescription } from '~/server/catalog/tool-catalog'
import type { JsonValue } from '~/server/executions/executions'
import { executionDeps } from '~/server/services'
import { requireRole } from './auth.middleware'

export const searchToolsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(100).optional() }))
  .handler(({ data, context }) => executionDeps(context.platform).catalog.search(context.principal, data.query, data.limit ?? 30))

/** A description as the browser gets it: its schemas and annotations are JSON. */
export type ToolDetailView = Omit<ToolDescription, 'inputSchema' | 'outputSchema' | 'annotations'> & {
  inputSchema: JsonValue
  outputSchema?: JsonValue
  annotations: { [key: string]: JsonValue }
}

/** One tool's declaration, schemas and annotations; null when the caller has no such tool. */
export const describeToolFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ path: z.string().min(1).max(500) }))
  .handler(async ({ data, context }): Promise<ToolDetailView | null> => {
    const described = await executionDeps(context.platform).catalog.describe(context.principal, data.path)
    return (described as ToolDetailView | undefined) ?? null
  })

/** Whether any integration's tools are callable for the caller (the Tools page's empty state). */
export const catalogIntegrationsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(({ context }) => executionDeps(context.platform).catalog.integrations(context.principal))
