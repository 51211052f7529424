import type { z } from 'zod'
import type { Principal } from '../../auth/principal'
import { DescribeInputSchema } from '../../catalog/builtin-tools'
import type { ToolCatalog } from '../../catalog/tool-catalog'

export const describeInput = DescribeInputSchema.shape
export const describeDescription =
  'Describe one tool from the catalog: its TypeScript declaration, description, JSON input and output schemas and annotations (e.g. whether it changes data).'

export async function describe(catalog: ToolCatalog, principal: Principal, input: z.infer<typeof DescribeInputSchema>) {
  const described = await catalog.describe(principal, input.path)
  if (!described) {
    return {
      content: [{ type: 'text' as const, text: `No tool at "${input.path}". Search with the search tool first.` }],
      isError: true,
    }
  }
  const { declaration, ...rest } = described
  const text = declaration ? `${declaration}\n\n${JSON.stringify(rest, null, 2)}` : JSON.stringify(rest, null, 2)
  return { content: [{ type: 'text' as const, text }] }
}
