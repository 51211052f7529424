// Turns a dereferenced schema (a graph: shared objects, cycles) into finite JSON a tool can carry.
// Each named component is expanded inline until it would repeat inside itself (`recursive: Name`),
// sit deeper than MAX_NAMED_DEPTH named components, or push the schema past NODE_BUDGET values
// (the object is then a placeholder):
// without the last two, densely linked descriptions (Stripe's expandable fields) grow exponentially.
import type { JsonSchema } from './operation'
import type { ReferenceNames } from './dereference-document'

const MAX_NAMED_DEPTH = 6
const NODE_BUDGET = 600

type Copied = { value: unknown; size: number }

/** Copies of subtrees that reach no cut: the same in every context, so shared across schemas. */
export type SchemaCache = WeakMap<object, Copied>

export function createSchemaCache(): SchemaCache {
  return new WeakMap()
}

function placeholder(node: object, name: string, why: string): JsonSchema {
  const type = (node as { type?: unknown }).type
  return { ...(typeof type === 'string' ? { type } : {}), description: `${name} (${why})` }
}

export function finiteSchema(schema: unknown, names: ReferenceNames, cache: SchemaCache): JsonSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return {}
  const ancestors = new Set<object>()
  let namedDepth = 0
  let used = 0

  function copy(node: unknown): Copied & { cut: boolean } {
    if (node === null || typeof node !== 'object') {
      used++
      return { value: node, size: 1, cut: false }
    }
    const name = names.get(node)
    const cached = cache.get(node)
    if (cached && used + cached.size <= NODE_BUDGET) {
      used += cached.size
      return { ...cached, cut: false }
    }
    if (ancestors.has(node)) return { value: { description: `recursive: ${name ?? 'schema'}` }, size: 1, cut: true }
    if (name !== undefined && namedDepth >= MAX_NAMED_DEPTH) {
      return { value: placeholder(node, name, 'not expanded: nested too deep'), size: 1, cut: true }
    }
    if (!Array.isArray(node) && (used >= NODE_BUDGET || (cached && used + cached.size > NODE_BUDGET && name !== undefined))) {
      return { value: placeholder(node, name ?? 'schema', 'not expanded: schema too large'), size: 1, cut: true }
    }
    ancestors.add(node)
    if (name !== undefined) namedDepth++
    used++
    let size = 1
    let cut = false
    let value: unknown
    if (Array.isArray(node)) {
      value = node.map((item) => {
        const child = copy(item)
        size += child.size
        cut ||= child.cut
        return child.value
      })
    } else {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(node)) {
        const child = copy(item)
        size += child.size
        cut ||= child.cut
        out[key] = child.value
      }
      value = out
    }
    if (name !== undefined) namedDepth--
    ancestors.delete(node)
    if (!cut) cache.set(node, { value, size })
    return { value, size, cut }
  }

  return copy(schema).value as JsonSchema
}
