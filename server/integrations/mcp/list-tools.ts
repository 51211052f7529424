// Every page of a server's tools/list, following `nextCursor` to the end.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { ListToolsResultSchema, type Tool } from '@modelcontextprotocol/sdk/types.js'

/** A server whose cursors never end is not listing tools any more. */
const MAX_PAGES = 1_000
const LIST_TIMEOUT_MS = 60_000

export async function listAllTools(client: Client, options: { signal?: AbortSignal; onPage?: (count: number) => void } = {}): Promise<Tool[]> {
  const tools: Tool[] = []
  const cursors = new Set<string>()
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    // client.listTools would also compile every output schema into a validator: not needed here.
    const result = await client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      ListToolsResultSchema,
      { signal: options.signal, timeout: LIST_TIMEOUT_MS },
    )
    tools.push(...result.tools)
    options.onPage?.(tools.length)
    const next = result.nextCursor
    if (next === undefined || next === '' || cursors.has(next)) return tools
    cursors.add(next)
    cursor = next
  }
  throw new Error(`the server's tools/list went on for more than ${MAX_PAGES} pages`)
}
