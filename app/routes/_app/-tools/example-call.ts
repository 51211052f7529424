// A call to copy from a tool's input schema: its required arguments with placeholder values of
// the right type (an enum's first value, a default or example when the schema gives one), nested
// a few levels so a `body` shows its own required fields.
type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: unknown[]
  default?: unknown
  example?: unknown
  examples?: unknown[]
  anyOf?: Schema[]
  oneOf?: Schema[]
}

const MAX_DEPTH = 3

export function exampleValue(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0]
  if (variant) return exampleValue(variant, depth)
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'string':
      return ''
    case 'integer':
    case 'number':
      return 0
    case 'boolean':
      return false
    case 'array':
      return []
    case 'object':
      return depth >= MAX_DEPTH ? {} : exampleObject(schema, depth + 1)
    default:
      return schema.properties ? exampleObject(schema, depth + 1) : null
  }
}

/** The required properties; with none required, the first one, so the example shows the shape. */
function exampleObject(schema: Schema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const required = schema.required ?? []
  const names = required.length > 0 ? required : Object.keys(schema.properties ?? {}).slice(0, 1)
  for (const name of names) out[name] = exampleValue(schema.properties?.[name], depth)
  return out
}

/** `await tools.<path>({ … })` with the required arguments filled in. */
export function exampleCall(path: string, inputSchema: unknown): string {
  const args = exampleValue((inputSchema ?? {}) as Schema) ?? {}
  const text = JSON.stringify(args, null, 2)
  // Keys that are identifiers read as JS, not JSON.
  const js = text.replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:')
  return `const result = await tools.${path}(${js === '{}' ? '{}' : js})\nreturn result`
}
