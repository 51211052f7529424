// Tools every Executor has, under `tools.executor.*`: catalog search and describe (so agents can
// find integration tools from inside their code) and echo (a harmless round trip for checking
// a client's setup and for measuring per-call overhead).
import { z } from 'zod'
import type { ToolDefinition } from './catalog'

export const SearchInputSchema = z.object({
  query: z.string().max(500).describe('Words to look for in tool paths, descriptions and parameter names'),
  limit: z.number().int().min(1).max(100).optional().describe('At most this many results (default 20)'),
})

export const DescribeInputSchema = z.object({
  path: z.string().min(1).max(500).describe('A tool path as search returns it, e.g. "executor.echo"'),
})

export const builtinTools: ToolDefinition[] = [
  {
    path: 'executor.search',
    description:
      'Search the tool catalog; returns [{ path, description, connections? }] ranked by relevance. Call a hit as tools.<path>(input).',
    inputSchema: SearchInputSchema,
    annotations: { readOnlyHint: true },
    run: async (input, context) => {
      const { query, limit } = SearchInputSchema.parse(input)
      return context.search(query, limit)
    },
  },
  {
    path: 'executor.describe',
    description: 'Describe one tool: its TypeScript declaration, description, JSON input and output schemas and annotations.',
    inputSchema: DescribeInputSchema,
    annotations: { readOnlyHint: true },
    run: async (input, context) => {
      const { path } = DescribeInputSchema.parse(input)
      const described = await context.describe(path)
      if (!described) throw new Error(`No tool at "${path}"; search with tools.executor.search({ query })`)
      return described
    },
  },
  {
    path: 'executor.echo',
    description: 'Return the input unchanged (for checking that tool calls work).',
    inputSchema: z.unknown(),
    annotations: { readOnlyHint: true },
    run: async (input) => input,
  },
]
