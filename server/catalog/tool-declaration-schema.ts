// A tool's stored JSON Schema → a fresh, bounded schema the TypeScript generator can read.
// The stored schema is never handed over as is: the generator mutates what it gets, would fetch a
// remote `$ref`, obeys `tsType` (raw TypeScript) from the schema, and a huge or oddly shaped
// schema must still give a small declaration quickly. So only the keywords a declaration shows
// are copied, each checked; whatever is nested deeper than `maxDepth`, or comes after the first
// `maxNodes` schemas, becomes a short placeholder; facts TypeScript has no syntax for (format,
// default, bounds) move into the doc comment.
import type { JSONSchema } from 'json-schema-to-typescript-lite'

export type SchemaLimits = {
  /** schemas nested deeper than this (0: the root itself) become placeholders */
  maxDepth: number
  /** schemas after this many become placeholders */
  maxNodes: number
  /** descriptions are cut to this many characters */
  maxDescription: number
}

type Obj = Record<string, unknown>

const COMMENT_WIDTH = 100
const MAX_ENUM = 100
const MAX_PROPERTIES = 400
const MAX_VARIANTS = 50
const MAX_TITLE = 60
const simpleTypes = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'])

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value)
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value)

/** Greedy word wrap, keeping the text's own line breaks; a word longer than a line stays whole. */
export function wrapText(text: string, width = COMMENT_WIDTH): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const out: string[] = []
      let current = ''
      for (const word of line.split(/ +/)) {
        if (current !== '' && current.length + 1 + word.length > width) {
          out.push(current)
          current = word
        } else current = current === '' ? word : `${current} ${word}`
      }
      out.push(current)
      return out.join('\n')
    })
    .join('\n')
}

export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}

function typesOf(node: Obj): string[] {
  const raw = Array.isArray(node.type) ? node.type : [node.type]
  return raw.filter((type): type is string => typeof type === 'string' && simpleTypes.has(type))
}

/** Constraint notes for the doc comment, one `@tag value` line each. */
function notes(node: Obj): string[] {
  const lines: string[] = []
  if (typeof node.format === 'string' && node.format !== '') lines.push(`@format ${shorten(node.format, 60)}`)
  if (node.default !== undefined && isPrimitive(node.default)) lines.push(`@default ${shorten(JSON.stringify(node.default), 100)}`)
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
    if (isFiniteNumber(node[key])) lines.push(`@${key} ${node[key]}`)
  }
  if (typeof node.pattern === 'string' && node.pattern !== '') lines.push(`@pattern ${shorten(node.pattern, 100)}`)
  return lines
}

function comment(node: Obj, maxDescription: number, extra?: string): string | undefined {
  const parts: string[] = []
  if (typeof node.description === 'string' && node.description.trim() !== '' && maxDescription > 0) {
    parts.push(wrapText(shorten(node.description.trim(), maxDescription)))
  }
  if (extra) parts.push(extra)
  parts.push(...notes(node))
  return parts.length > 0 ? parts.join('\n') : undefined
}

/** What stands for a schema that is not shown: its outline as TypeScript, its description kept. */
function placeholder(node: unknown, why: string, maxDescription: number): JSONSchema {
  const types = isObject(node) ? typesOf(node) : []
  const complex = isObject(node) && ['properties', 'items', 'oneOf', 'anyOf', 'allOf'].some((key) => node[key] !== undefined)
  let tsType = 'unknown'
  if (types.length === 1 && !complex && types[0] !== 'object' && types[0] !== 'array') {
    tsType = types[0] === 'integer' ? 'number' : (types[0] as string)
  } else if (types.includes('array') || (isObject(node) && node.items !== undefined)) tsType = 'unknown[]'
  else if (types.includes('object') || (isObject(node) && node.properties !== undefined)) tsType = '{ [k: string]: unknown }'
  const description = isObject(node) ? comment(node, Math.min(maxDescription, 200), why) : why
  return { tsType, ...(description ? { description } : {}) }
}

/** Names the declaration itself uses: a schema titled so would shadow them. */
const takenNames = new Set(['promise', 'toolsignature'])

/** A nested schema's title, as the generator will name its interface (the root's is not shown). */
function typeName(title: unknown, depth: number): string | undefined {
  if (depth === 0 || typeof title !== 'string' || title.length > MAX_TITLE || !/[A-Za-z]/.test(title)) return undefined
  return takenNames.has(title.replace(/[^A-Za-z0-9]/g, '').toLowerCase()) ? `${title} Schema` : title
}

/** The marker the OpenAPI importer leaves where a schema would repeat inside itself. */
const recursionMarker = /^recursive: ([A-Za-z0-9_.\- ]{1,80})$/

/**
 * Returns a function copying schemas for the generator. Titled schemas with the same content, in
 * any of the schemas it copies, become one object (the first copy made), so the generator declares
 * one named interface for all of them; `maxNodes` counts across all of them too.
 */
export function schemaCopier(limits: SchemaLimits): (schema: unknown) => JSONSchema {
  let nodes = 0
  const byContent = new Map<string, JSONSchema>()

  function variants(list: unknown, depth: number): JSONSchema[] | undefined {
    if (!Array.isArray(list) || list.length === 0) return undefined
    const copied = list.slice(0, MAX_VARIANTS).map((item) => copy(item, depth))
    return list.length > MAX_VARIANTS ? [...copied, { tsType: 'unknown' }] : copied
  }

  function copy(node: unknown, depth: number): JSONSchema {
    if (node === false) return { tsType: 'never' }
    if (!isObject(node)) return { tsType: 'unknown' }
    const recursion = Object.keys(node).length === 1 && typeof node.description === 'string' ? recursionMarker.exec(node.description) : null
    // A comment of its own: the generator drops the comments of array items.
    if (recursion) return { tsType: `(unknown /* recursive: the same shape as the enclosing ${recursion[1]} */)` }
    if (depth > limits.maxDepth) return placeholder(node, '(nested deeper than shown here)', limits.maxDescription)
    if (nodes >= limits.maxNodes) return placeholder(node, '(not shown: the schema is too large)', limits.maxDescription)
    nodes++

    const title = typeName(node.title, depth)
    let key: string | undefined
    if (title !== undefined) {
      try {
        key = JSON.stringify(node)
      } catch {
        key = undefined
      }
      const seen = key === undefined ? undefined : byContent.get(key)
      if (seen) return seen
    }

    const out: JSONSchema = {}
    if (title !== undefined) out.title = title
    const types = typesOf(node)
    if (node.nullable === true && types.length > 0 && !types.includes('null')) types.push('null')
    if (types.length === 1) out.type = types[0] as JSONSchema['type']
    else if (types.length > 1) out.type = types as JSONSchema['type']

    const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined
    if (values && values.length > 0 && values.every(isPrimitive)) {
      if (values.length <= MAX_ENUM) {
        out.enum = node.nullable === true && !values.includes(null) ? [...values, null] : values
      } else if (out.type === undefined) out.type = [...new Set(values.map((value) => (value === null ? 'null' : typeof value)))] as JSONSchema['type']
    }

    const enumNote = values && values.length > MAX_ENUM ? `One of ${values.length} values, e.g. ${values.slice(0, 5).map((value) => JSON.stringify(value)).join(', ')}` : undefined
    const description = comment(node, limits.maxDescription, enumNote)
    if (description) out.description = description
    if (node.deprecated === true) out.deprecated = true

    if (isObject(node.properties)) {
      const entries = Object.entries(node.properties)
      const properties: Record<string, JSONSchema> = {}
      for (const [name, child] of entries.slice(0, MAX_PROPERTIES)) properties[name] = copy(child, depth + 1)
      out.properties = properties
      if (entries.length > MAX_PROPERTIES) out.additionalProperties = true
      if (Array.isArray(node.required)) out.required = node.required.filter((name): name is string => typeof name === 'string' && name in properties)
    }
    if (out.additionalProperties === undefined && (isObject(node.additionalProperties) || typeof node.additionalProperties === 'boolean')) {
      out.additionalProperties = typeof node.additionalProperties === 'boolean' ? node.additionalProperties : copy(node.additionalProperties, depth + 1)
    }
    if (isObject(node.patternProperties) && out.additionalProperties === undefined) {
      // Pattern keys are shown as one index signature: TypeScript cannot check key patterns.
      const schemas = Object.values(node.patternProperties).slice(0, MAX_VARIANTS).map((child) => copy(child, depth + 1))
      out.additionalProperties = schemas.length === 1 ? (schemas[0] as JSONSchema) : { anyOf: schemas }
    }

    const items = Array.isArray(node.prefixItems) ? node.prefixItems : node.items
    if (Array.isArray(items)) out.items = items.slice(0, MAX_VARIANTS).map((item) => copy(item, depth + 1))
    else if (isObject(items) || typeof items === 'boolean') out.items = copy(items, depth + 1)

    for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
      const list = variants(node[keyword], depth + 1)
      if (list) out[keyword] = list
    }

    // An object schema that names no members says nothing about its keys: show it open, not as `{}`.
    const isOpenObject = (out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'))) &&
      !out.properties && out.additionalProperties === undefined && !out.oneOf && !out.anyOf && !out.allOf
    if (isOpenObject) out.additionalProperties = true

    // No keyword that shapes a value: any JSON. The generator would show an empty object instead.
    const shapeless = ['type', 'enum', 'properties', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'allOf'].every((keyword) => out[keyword] === undefined)
    if (shapeless) out.tsType = 'unknown'

    // `nullable` beside `oneOf`/`anyOf`/`allOf` and no `type`: the whole schema may be null.
    let result = out
    if (node.nullable === true && types.length === 0 && out.enum === undefined) {
      const { description: note, ...inner } = out
      result = { anyOf: [inner, { type: 'null' }], ...(note ? { description: note } : {}) }
    }
    if (key !== undefined) byContent.set(key, result)
    return result
  }

  return (schema) => copy(schema, 0)
}
