// Executor's built-in tools (`executor.*`) as an in-memory catalog. Integrations' tools live in the
// database and join these in ./tool-catalog.ts. Search ranks by words in path, description and parameter names.
import type { z } from 'zod'

export type JsonSchema = Record<string, unknown>

/** What a built-in tool can reach: the catalog as the calling principal sees it. */
export type ToolContext = {
  search(query: string, limit?: number): Promise<unknown[]>
  describe(path: string): Promise<unknown>
}

export type ToolDefinition = {
  /** dotted path under `tools.`, e.g. `executor.search` */
  path: string
  description: string
  inputSchema: z.ZodType
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean }
  run: (input: unknown, context: ToolContext) => Promise<unknown>
}

export type ToolSummary = { path: string; description: string }
export type ToolDescription = ToolSummary & { inputSchema: JsonSchema; annotations: ToolDefinition['annotations'] }

export type Catalog = {
  get(path: string): ToolDefinition | undefined
  search(query: string, limit?: number): ToolSummary[]
  describe(path: string): ToolDescription | undefined
  size(): number
}

type Indexed = { tool: ToolDefinition; pathWords: Set<string>; descriptionWords: Set<string>; paramWords: Set<string>; jsonSchema: JsonSchema }

const words = (text: string) =>
  new Set(
    text
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1),
  )

export function createCatalog(tools: ToolDefinition[], toJsonSchema: (schema: z.ZodType) => JsonSchema): Catalog {
  const byPath = new Map<string, Indexed>()
  for (const tool of tools) {
    const jsonSchema = toJsonSchema(tool.inputSchema)
    const properties = jsonSchema.properties
    const params = properties && typeof properties === 'object' ? Object.keys(properties).join(' ') : ''
    byPath.set(tool.path, {
      tool,
      jsonSchema,
      pathWords: words(tool.path),
      descriptionWords: words(tool.description),
      paramWords: words(params),
    })
  }
  return {
    get: (path) => byPath.get(path)?.tool,
    size: () => byPath.size,
    search(query, limit = 20) {
      const wanted = [...words(query)]
      const scored = [...byPath.values()]
        .map((entry) => ({
          entry,
          score: wanted.reduce(
            (sum, w) =>
              sum +
              (entry.pathWords.has(w) ? 3 : 0) +
              (entry.paramWords.has(w) ? 2 : 0) +
              (entry.descriptionWords.has(w) ? 1 : 0),
            0,
          ),
        }))
        .filter((s) => wanted.length === 0 || s.score > 0)
        .sort((a, b) => b.score - a.score || a.entry.tool.path.localeCompare(b.entry.tool.path))
      return scored.slice(0, limit).map(({ entry }) => ({ path: entry.tool.path, description: entry.tool.description }))
    },
    describe(path) {
      const entry = byPath.get(path)
      if (!entry) return undefined
      return { path, description: entry.tool.description, inputSchema: entry.jsonSchema, annotations: entry.tool.annotations ?? {} }
    },
  }
}
