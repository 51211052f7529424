// An MCP server's tools (as tools/list gives them) as Executor tools: one path segment each, the
// server's own name kept in `operation` for the wire, input and output schemas, annotations and
// description carried over as the server wrote them.
import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { ToolInput } from '../../catalog/tool-store'
import { assignToolPaths } from './tool-naming'

/** How an MCP server is spoken to: the streamable HTTP transport, or the older HTTP+SSE one. */
export type McpTransportKind = 'streamable-http' | 'sse'

/** What an MCP tool stores to be called. */
export type McpOperation = { name: string; transport: McpTransportKind }

const ANNOTATION_HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const

export function convertTools(tools: readonly Tool[], transport: McpTransportKind): ToolInput[] {
  const paths = assignToolPaths(tools.map((t) => t.name))
  const seen = new Set<string>()
  const converted: ToolInput[] = []
  for (const t of tools) {
    // A server listing one name twice: the first wins (paths must be unique).
    if (seen.has(t.name)) continue
    seen.add(t.name)
    const operation: McpOperation = { name: t.name, transport }
    converted.push({
      path: paths.get(t.name) ?? t.name,
      title: t.title ?? t.annotations?.title ?? t.name,
      description: t.description ?? '',
      inputSchema: t.inputSchema ?? { type: 'object' },
      outputSchema: resultSchema(t.outputSchema),
      annotations: annotationsOf(t),
      operation,
    })
  }
  return converted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function annotationsOf(t: Tool): Record<string, unknown> {
  const annotations: Record<string, unknown> = {}
  for (const hint of ANNOTATION_HINTS) {
    const value = t.annotations?.[hint]
    if (typeof value === 'boolean') annotations[hint] = value
  }
  return annotations
}

/** What a call returns (see call-tool.ts): the content blocks, their text, and the structured result when the tool declares one. */
function resultSchema(structured: Tool['outputSchema']): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      content: {
        type: 'array',
        description: 'the content blocks the tool returned: text, images, audio, resource links and embedded resources',
        items: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
      },
      text: { type: 'string', description: 'the text blocks of content, joined by newlines' },
      ...(structured ? { structuredContent: structured } : {}),
    },
    required: ['content'],
  }
}
