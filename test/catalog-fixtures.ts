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

const RESOURCES = ['pets', 'owners', 'issues', 'repos', 'pulls', 'users', 'orgs', 'teams', 'invoices', 'customers', 'charges', 'refunds', 'payouts', 'webhooks', 'files', 'folders', 'projects', 'tasks', 'comments', 'labels']
const VERBS = ['list', 'get', 'create', 'update', 'delete', 'search', 'archive', 'restore', 'export', 'import']
const FILLER = 'the a returns object with fields for each item in request response optional required value string number list page cursor token account status created updated time zone region version'.split(' ')

/**
 * `count` tools shaped like a large OpenAPI import: `<resource><n>.<verb><Resource>By<Qualifier>`
 * paths, a few hundred bytes of description and an input and output schema of about 1 kB.
 */
export function generatedTools(count: number): ToolInput[] {
  return Array.from({ length: count }, (_, i) => {
    const resource = RESOURCES[i % RESOURCES.length]!
    const verb = VERBS[Math.floor(i / RESOURCES.length) % VERBS.length]!
    const group = `${resource}${Math.floor(i / (RESOURCES.length * VERBS.length))}`
    const qualifier = RESOURCES[(i + 1 + Math.floor(i / 200)) % RESOURCES.length]!
    const name = `${verb}${cap(resource)}By${cap(qualifier)}`
    const words = Array.from({ length: 40 }, (_, k) => FILLER[(i * 31 + k * 17) % FILLER.length]).join(' ')
    const properties = Object.fromEntries(
      [`${qualifier}Id`, 'page_size', 'cursor', `include_${resource}`, 'sort'].map((p) => [p, { type: 'string', description: `The ${p} of the ${resource}.` }]),
    )
    return makeTool(`${group}.${name}`, {
      title: `${cap(verb)} ${resource} by ${qualifier}`,
      description: `${cap(verb)} ${resource} belonging to one of the ${qualifier}. ${words}`,
      inputSchema: { type: 'object', properties, required: [`${qualifier}Id`] },
      outputSchema: { type: 'object', properties: { status: { type: 'integer' }, data: { type: 'array', items: { type: 'object', properties: Object.fromEntries(FILLER.slice(0, 12).map((f) => [f, { type: 'string' }])) } } } },
    })
  })
}

const cap = (word: string) => word[0]!.toUpperCase() + word.slice(1)
