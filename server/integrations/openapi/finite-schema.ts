// Turns dereferenced schemas (a graph: shared objects, cycles) into finite JSON a tool can carry,
// within a byte budget per tool. Agents need a schema's first levels, not every nested entity
// type (Microsoft Graph's `user` reaches thousands of them), so the schemas of one tool are
// expanded breadth-first: every schema at one nesting level before any at the next. Once a
// schema does not fit, nothing deeper is expanded; a schema left out becomes a placeholder
// naming its component (`{ type: 'object', description: 'microsoft.graph.user (truncated) …' }`).
// A component that would repeat inside itself becomes `recursive: Name`.
//
// Work is shared across tools: each source schema's own keywords are read once (its Shape), and
// a subtree expanded in full (no cut inside) is the same everywhere, so it is built once.
import type { JsonSchema } from './operation'
import type { ReferenceNames } from './dereference-document'

/**
 * JSON characters of schema one tool may carry (inputs and output together) before deeper
 * levels are cut: about 2,000 tokens, a few levels of a typical resource. The top level of each
 * schema is kept whatever its size.
 */
export const TOOL_SCHEMA_BUDGET = 8_000

/** Keywords whose value maps names to schemas: one level deeper. */
const schemaMaps = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'])
/** Keywords holding one schema (or a list): 1 = a level deeper (a field's value), 0 = the same value seen another way. */
const schemaSlots = new Map<string, 0 | 1>([
  ['additionalProperties', 1],
  ['unevaluatedProperties', 1],
  ['propertyNames', 1],
  ['contentSchema', 1],
  ['items', 0],
  ['prefixItems', 0],
  ['additionalItems', 0],
  ['unevaluatedItems', 0],
  ['contains', 0],
  ['allOf', 0],
  ['anyOf', 0],
  ['oneOf', 0],
  ['not', 0],
  ['if', 0],
  ['then', 0],
  ['else', 0],
])

type Child = { source: object; step: 0 | 1 } | { value: unknown }
type Entry = { key: string; value: unknown } | { key: string; one: Child } | { key: string; map: [string, Child][] } | { key: string; list: Child[] }

/** What one source schema contributes by itself, read once per import. */
type Shape = {
  entries: Entry[]
  /** schema children, in document order */
  children: { source: object; step: 0 | 1 }[]
  /** JSON length of the schema with each schema child written as `0` */
  bytes: number
  placeholder: JsonSchema
  placeholderBytes: number
  recursive: JsonSchema
  recursiveBytes: number
  /** set on first use: see openCost */
  openCost?: number
}

/** Shapes and fully expanded copies, shared by every tool of one import. */
export type SchemaCache = { shapes: WeakMap<object, Shape>; complete: WeakMap<object, JsonSchema> }

export function createSchemaCache(): SchemaCache {
  return { shapes: new WeakMap(), complete: new WeakMap() }
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object'

/** Plain JSON data inside a schema (an example, an enum): copied as is, a cycle cut to null. */
function copyData(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (!isObject(value)) return value
  if (ancestors.has(value)) return null
  ancestors.add(value)
  const copy = Array.isArray(value)
    ? value.map((item) => copyData(item, ancestors))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyData(item, ancestors)]))
  ancestors.delete(value)
  return copy
}

function child(value: unknown, step: 0 | 1): Child {
  return isObject(value) && !Array.isArray(value) ? { source: value, step } : { value: copyData(value) }
}

function readShape(source: object, names: ReferenceNames): Shape {
  const entries: Entry[] = []
  const skeleton: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    // Extensions (`x-ms-navigationProperty`…) mean nothing to an agent; property names are in `properties`, not here.
    if (key.startsWith('x-')) continue
    const step = schemaSlots.get(key)
    if (schemaMaps.has(key) && isObject(value) && !Array.isArray(value)) {
      entries.push({ key, map: Object.entries(value).map(([name, item]) => [name, child(item, 1)]) })
    } else if (step !== undefined && Array.isArray(value)) {
      entries.push({ key, list: value.map((item) => child(item, step)) })
    } else if (step !== undefined && isObject(value)) {
      entries.push({ key, one: child(value, step) })
    } else if (key === 'discriminator' && isObject(value) && !Array.isArray(value)) {
      // The mapping lists `#/components/…` pointers that mean nothing outside the description (Graph's is 67 KB).
      const { propertyName } = value as { propertyName?: unknown }
      entries.push({ key, value: typeof propertyName === 'string' ? { propertyName } : {} })
    } else {
      entries.push({ key, value: copyData(value) })
    }
  }
  const children: Shape['children'] = []
  const slot = (item: Child) => {
    if ('source' in item) {
      children.push(item)
      return 0
    }
    return item.value
  }
  for (const entry of entries) {
    if ('value' in entry) skeleton[entry.key] = entry.value
    else if ('one' in entry) skeleton[entry.key] = slot(entry.one)
    else if ('list' in entry) skeleton[entry.key] = entry.list.map(slot)
    else skeleton[entry.key] = Object.fromEntries(entry.map.map(([name, item]) => [name, slot(item)]))
  }
  const name = names.get(source)
  const type = (source as { type?: unknown }).type
  const keptType = typeof type === 'string' || (Array.isArray(type) && type.every((t) => typeof t === 'string')) ? { type } : {}
  const placeholder = { ...keptType, description: name ? `${name} (truncated: its fields are not listed)` : '(truncated)' }
  const recursive = { description: `recursive: ${name ?? 'schema'}` }
  return {
    entries,
    children,
    bytes: JSON.stringify(skeleton).length,
    placeholder,
    placeholderBytes: JSON.stringify(placeholder).length,
    recursive,
    recursiveBytes: JSON.stringify(recursive).length,
  }
}

type Instance = {
  source: object
  shape: Shape
  parent: Instance | undefined
  level: number
  state: 'open' | 'cut' | 'recursive'
  children: Instance[]
  complete: boolean
}

function shapeOf(source: object, names: ReferenceNames, cache: SchemaCache): Shape {
  let shape = cache.shapes.get(source)
  if (!shape) {
    shape = readShape(source, names)
    cache.shapes.set(source, shape)
  }
  return shape
}

function repeatsAncestor(source: object, parent: Instance | undefined): boolean {
  for (let node = parent; node; node = node.parent) if (node.source === source) return true
  return false
}

/**
 * Finite copies of `schemas` (one tool's inputs and output), sharing `budget` JSON characters:
 * the top level of each is always kept, deeper levels while they fit.
 */
export function finiteSchemas(
  schemas: unknown[],
  names: ReferenceNames,
  cache: SchemaCache,
  budget: number = TOOL_SCHEMA_BUDGET,
): JsonSchema[] {
  const all: Instance[] = []
  const queues: Instance[][] = []
  let used = 0
  let cutLevel = Number.POSITIVE_INFINITY

  /** What opening a cut node adds: its own keywords, its children as placeholders, less its own placeholder. */
  const openCost = (shape: Shape) => {
    shape.openCost ??= shape.children.reduce(
      (sum, { source }) => sum + shapeOf(source, names, cache).placeholderBytes - 1,
      shape.bytes - shape.placeholderBytes,
    )
    return shape.openCost
  }

  const open = (instance: Instance) => {
    instance.state = 'open'
    for (const { source, step } of instance.shape.children) {
      const shape = shapeOf(source, names, cache)
      const recursive = repeatsAncestor(source, instance)
      const level = instance.level + step
      const node: Instance = { source, shape, parent: instance, level, state: recursive ? 'recursive' : 'cut', children: [], complete: false }
      instance.children.push(node)
      all.push(node)
      // The `0` standing for the child in the parent's skeleton is one character.
      used += (recursive ? shape.recursiveBytes : shape.placeholderBytes) - 1
      if (!recursive) (queues[level] ??= []).push(node)
    }
  }

  const roots = schemas.map((schema) => {
    if (!isObject(schema) || Array.isArray(schema)) return undefined
    const root: Instance = { source: schema, shape: shapeOf(schema, names, cache), parent: undefined, level: 0, state: 'cut', children: [], complete: false }
    all.push(root)
    used += root.shape.bytes
    open(root)
    return root
  })

  // `used` is always the exact length of the JSON built so far, and every schema in it takes at
  // least two characters: however the schemas are linked, a tool holds at most budget / 2 of them.
  for (let level = 0; level < queues.length && level <= cutLevel; level++) {
    const queue = queues[level] ?? []
    // Opening a node can add nodes to this same level (its allOf members, its items).
    for (let index = 0; index < queue.length; index++) {
      const node = queue[index] as Instance
      if (used + openCost(node.shape) > budget) {
        cutLevel = level
        continue
      }
      used += node.shape.bytes - node.shape.placeholderBytes
      open(node)
    }
  }

  // Children come after their parents in `all`: walking it backwards settles children first.
  for (let index = all.length - 1; index >= 0; index--) {
    const node = all[index] as Instance
    node.complete = node.state === 'open' && node.children.every((c) => c.complete)
  }
  return roots.map((root) => (root ? build(root, cache) : {}))
}

function build(node: Instance, cache: SchemaCache): JsonSchema {
  if (node.state === 'cut') return node.shape.placeholder
  if (node.state === 'recursive') return node.shape.recursive
  if (node.complete) {
    const shared = cache.complete.get(node.source)
    if (shared) return shared
  }
  let next = 0
  const value = (item: Child) => ('source' in item ? build(node.children[next++] as Instance, cache) : item.value)
  const out: JsonSchema = {}
  for (const entry of node.shape.entries) {
    if ('value' in entry) out[entry.key] = entry.value
    else if ('one' in entry) out[entry.key] = value(entry.one)
    else if ('list' in entry) out[entry.key] = entry.list.map(value)
    else out[entry.key] = Object.fromEntries(entry.map.map(([name, item]) => [name, value(item)]))
  }
  if (node.complete) cache.complete.set(node.source, out)
  return out
}
