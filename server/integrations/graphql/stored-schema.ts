// The schema kept with an integration, to check an agent's selection sets before anything is
// sent: printed as SDL without descriptions (they are in the tools already, and a description-free
// schema is a fraction of the size), stored once in the integration's details, and built back
// into a GraphQLSchema at most once per integration and schema text in each process.
import { buildSchema, parse, print, printSchema, visit, type GraphQLSchema } from 'graphql'

/** A larger schema is not kept (the details row must stay small); its selections are checked by the upstream alone. */
export const MAX_STORED_SCHEMA_CHARS = 1_000_000
const CACHED_SCHEMAS = 16

/** The schema as compact SDL, or undefined (with a warning) when it is too large to keep. */
export function storedSchemaText(schema: GraphQLSchema, warnings: string[]): string | undefined {
  const withoutDescriptions = visit(parse(printSchema(schema), { noLocation: true }), {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined }
      return undefined
    },
  })
  const text = print(withoutDescriptions)
  if (text.length <= MAX_STORED_SCHEMA_CHARS) return text
  warnings.push(`the schema is too large to keep (${text.length} characters without descriptions), so selection sets are checked by the endpoint only`)
  return undefined
}

const cache = new Map<string, { text: string; schema: GraphQLSchema }>()

/** The schema stored in `details` (see kinds/kind.ts), built once and cached per integration. */
export function storedSchema(integrationId: string, details: unknown): GraphQLSchema | undefined {
  const text = (details as { schema?: unknown } | null)?.schema
  if (typeof text !== 'string' || text === '') return undefined
  const hit = cache.get(integrationId)
  if (hit && hit.text === text) {
    // most recently used last
    cache.delete(integrationId)
    cache.set(integrationId, hit)
    return hit.schema
  }
  let schema: GraphQLSchema
  try {
    schema = buildSchema(text, { assumeValidSDL: true })
  } catch {
    return undefined
  }
  cache.delete(integrationId)
  cache.set(integrationId, { text, schema })
  while (cache.size > CACHED_SCHEMAS) cache.delete(cache.keys().next().value as string)
  return schema
}
