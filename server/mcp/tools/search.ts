import { z } from 'zod'
import type { Principal } from '../../auth/principal'
import { SearchInputSchema } from '../../catalog/builtin-tools'
import type { ToolCatalog } from '../../catalog/tool-catalog'

export const searchInput = SearchInputSchema.shape
export const searchOutput = {
  tools: z.array(z.object({ path: z.string(), description: z.string(), connections: z.array(z.string()).optional() })),
}
export const searchDescription =
  'Search the tool catalog by words in tool paths, descriptions and parameter names. Returns ranked { path, description } entries; call them from `execute` as tools.<path>(input). `connections` lists the other connections you can use instead (tools.<integration>.<connection>.<tool>).'

export async function search(catalog: ToolCatalog, principal: Principal, input: z.infer<typeof SearchInputSchema>) {
  const tools = await catalog.search(principal, input.query, input.limit)
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(tools, null, 2) }],
    structuredContent: { tools },
  }
}
