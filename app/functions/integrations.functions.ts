// Reads behind the integrations pages, with the API's rules: every member reads integrations and
// their tools; connections are the caller's usable ones (the org's and their own personal ones).
// Changes go through the HTTP API (/api/integrations/*), as scripts' do.
import { notFound } from '@tanstack/react-router'
import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { listTools, type ToolListItem, type ToolPage } from '~/server/catalog/tool-store'
import { listConnections, usableConnections } from '~/server/connections/connections'
import { AppError } from '~/server/http/app-error'
import { getIntegration, listIntegrations } from '~/server/integrations/integrations'
import { requireRole } from './auth.middleware'

/** Tools shown per page on an integration's page. */
export const TOOLS_PER_PAGE = 50

export type ToolAnnotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean }
export type ToolRowView = Omit<ToolListItem, 'annotations'> & { annotations: ToolAnnotations }
export type ToolPageView = { tools: ToolRowView[]; nextCursor: string | null }

/** A page as the browser gets it: stored annotations are JSON of this shape. */
function toolPageView(page: ToolPage): ToolPageView {
  return { ...page, tools: page.tools.map((tool) => ({ ...tool, annotations: (tool.annotations ?? {}) as ToolAnnotations })) }
}

export const listIntegrationsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context }) => {
    const { db } = context.platform
    const integrations = await listIntegrations(db, context.platform.now())
    const usable = await usableConnections(
      db,
      context.principal,
      integrations.map((i) => i.id),
    )
    const counts = new Map<string, number>()
    for (const row of usable) counts.set(row.integrationId, (counts.get(row.integrationId) ?? 0) + 1)
    return integrations.map((view) => ({ ...view, usableConnections: counts.get(view.id) ?? 0 }))
  })

/** The detail page: the integration, the connections the caller may see, its first tools. */
export const getIntegrationPageFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ id: z.string().min(1).max(100) }))
  .handler(async ({ data, context }) => {
    const { db } = context.platform
    try {
      const integration = await getIntegration(db, data.id, context.platform.now())
      const [connections, tools] = await Promise.all([
        listConnections(context.platform, context.principal, integration.id),
        listTools(db, integration.id, { limit: TOOLS_PER_PAGE }).then(toolPageView),
      ])
      return { integration, connections, tools }
    } catch (error) {
      // The router's own not-found travels to the browser intact; an AppError only as text.
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound()
      throw error
    }
  })

export const listToolsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ id: z.string().min(1).max(100), cursor: z.string().max(1000) }))
  .handler(async ({ data, context }) => toolPageView(await listTools(context.platform.db, data.id, { limit: TOOLS_PER_PAGE, cursor: data.cursor })))
