// A tools/call result as the sandbox gets it: the content blocks as the server sent them (text,
// images and audio with their base64 data, resource links, embedded resources), their text joined
// for convenience, and the structured result when there is one. Credential secrets are redacted
// everywhere, and the whole stays under `maxBytes`: text is cut, and binary data that does not fit
// is left out with a note, so the agent still learns what there was.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { Redactor } from '../openapi/read-response'

export type McpToolResult = {
  content: unknown[]
  /** the text blocks joined by newlines; absent when there are none */
  text?: string
  structuredContent?: Record<string, unknown>
  /** present when something was cut or left out to stay under the size limit */
  truncated?: true
}

type Block = CallToolResult['content'][number]

/** The text of a result's text blocks (for an isError result's message, and `text`). */
export function textOf(content: readonly Block[]): string {
  return content
    .filter((block): block is Extract<Block, { type: 'text' }> => block.type === 'text')
    .map((block) => block.text)
    .join('\n')
}

export function shapeResult(result: CallToolResult, redactor: Redactor, maxBytes: number): McpToolResult {
  let budget = maxBytes
  let truncated = false
  const structured =
    result.structuredContent !== undefined ? (redactor.json(result.structuredContent) as Record<string, unknown>) : undefined
  if (structured !== undefined) {
    const size = byteLength(JSON.stringify(structured))
    if (size > budget) truncated = true
    else budget -= size
  }
  const content: unknown[] = []
  for (const raw of result.content ?? []) {
    const block = redactor.json(raw) as Record<string, unknown>
    const size = byteLength(JSON.stringify(block))
    if (size <= budget) {
      content.push(block)
      budget -= size
      continue
    }
    truncated = true
    content.push(cutBlock(block, budget))
    budget = 0
  }
  const shaped: McpToolResult = { content }
  const text = textOf(content as Block[])
  if (text !== '') shaped.text = text
  if (structured !== undefined && !(truncated && byteLength(JSON.stringify(structured)) > maxBytes)) shaped.structuredContent = structured
  if (truncated) shaped.truncated = true
  return shaped
}

/** What is left of a block that does not fit `budget` bytes: text cut there, binary data left out. */
function cutBlock(block: Record<string, unknown>, budget: number): Record<string, unknown> {
  if (block.type === 'text' && typeof block.text === 'string') {
    return { ...block, text: cutText(block.text, Math.max(0, budget - 64)) }
  }
  const { data, blob, ...rest } = block as { data?: unknown; blob?: unknown; resource?: Record<string, unknown> }
  const cut: Record<string, unknown> = { ...rest }
  if (data !== undefined || blob !== undefined) cut.omitted = 'the data was larger than the response limit'
  if (rest.resource && typeof rest.resource === 'object') {
    const { blob: resourceBlob, text, ...resource } = rest.resource
    cut.resource = { ...resource, ...(typeof text === 'string' ? { text: cutText(text, Math.max(0, budget - 256)) } : {}) }
    if (resourceBlob !== undefined) cut.omitted = 'the data was larger than the response limit'
  }
  return cut
}

function cutText(text: string, bytes: number): string {
  const encoded = new TextEncoder().encode(text)
  if (encoded.byteLength <= bytes) return text
  // A cut in the middle of a character drops that character.
  return new TextDecoder().decode(encoded.subarray(0, bytes)).replace(/\uFFFD$/, '')
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength
}
