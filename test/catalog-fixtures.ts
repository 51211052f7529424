// Integrations and tools for catalog tests.
import type { Database } from '~/db/database'
import { integration } from '~/db/schema'
import type { ToolInput } from '~/server/catalog/tool-store'

export async function addIntegration(db: Database, id: string, slug = id) {
  const now = new Date()
  await db.insert(integration).values({ id, slug, kind: 'openapi', name: slug, status: 'importing', createdAt: now, updatedAt: now })
  return { id, slug }
}

export function makeTool(path: string, extra: Partial<ToolInput> = {}): ToolInput {
  return {
    path,
    title: `Title of ${path}`,
    description: `Description of ${path}`,
    inputSchema: { type: 'object', properties: { owner: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { status: { type: 'integer' } } },
    annotations: { readOnlyHint: true },
    operation: { method: 'get', path: `/${path.replace(/\./g, '/')}`, tags: [], parameters: [], security: [], deprecated: false },
    ...extra,
  }
}
