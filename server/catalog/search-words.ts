// The words a tool is found by, cut the same way on both sides of a search: the index
// (tool-store.ts) and the query (tool-search.ts). SQLite's unicode61 tokenizer already splits on
// punctuation such as `.` and `_`, but not on case, so `listPetsByOwner` is split here.

/** Lower-case words of `text`: split on anything but letters and digits, and at camelCase humps. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/**
 * The indexed text of a full tool path `<slug>.<path>`: every segment's words. A camelCase
 * segment is not also indexed whole: with prefix matching, "create" would then hit
 * `createComment` twice and rank it above `create`.
 */
export function pathWords(fullPath: string): string {
  return fullPath.split('.').flatMap(splitWords).join(' ')
}

/**
 * The parameter names of a tool's input schema, split into words: its top-level properties and,
 * for a request body, the body's own top-level properties (`issues.create` is found by "labels").
 */
export function parameterWords(inputSchema: unknown): string {
  const names = propertyNames(inputSchema)
  const body = propertyOf(inputSchema, 'body')
  if (body !== undefined) names.push(...propertyNames(body))
  return [...new Set(names.flatMap(splitWords))].join(' ')
}

function propertyNames(schema: unknown): string[] {
  const properties = isObject(schema) ? schema.properties : undefined
  return isObject(properties) ? Object.keys(properties) : []
}

function propertyOf(schema: unknown, name: string): unknown {
  const properties = isObject(schema) ? schema.properties : undefined
  return isObject(properties) ? properties[name] : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
