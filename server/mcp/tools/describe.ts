import type { z } from 'zod'
import { DescribeInputSchema } from '../../catalog/builtin-tools'
import type { Catalog } from '../../catalog/catalog'

export const describeInput = DescribeInputSchema.shape
export const describeDescription =
  "Describe one tool from the catalog: its description, JSON input schema and annotations (e.g. whether it changes data)."

export function describe(catalog: Catalog, input: z.infer<typeof DescribeInputSchema>) {
  const described = catalog.describe(input.path)
  if (!described) {
    return {
      content: [{ type: 'text' as const, text: `No tool at "${input.path}". Search with the search tool first.` }],
      isError: true,
    }
  }
  return { content: [{ type: 'text' as const, text: JSON.stringify(described, null, 2) }] }
}
