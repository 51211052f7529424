import { z } from 'zod'
import { SearchInputSchema } from '../../catalog/builtin-tools'
import type { Catalog } from '../../catalog/catalog'

export const searchInput = SearchInputSchema.shape
export const searchOutput = { tools: z.array(z.object({ path: z.string(), description: z.string() })) }
export const searchDescription =
  'Search the tool catalog by words in tool paths, descriptions and parameter names. Returns ranked { path, description } entries; call them from `execute` as tools.<path>(input).'

export function search(catalog: Catalog, input: z.infer<typeof SearchInputSchema>) {
  const tools = catalog.search(input.query, input.limit)
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(tools, null, 2) }],
    structuredContent: { tools },
  }
}
