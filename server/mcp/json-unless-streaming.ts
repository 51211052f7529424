// The transport answers every POST as a server-sent event stream, so a tool call can carry log and
// progress notifications before its result. Requests that never stream (initialize, tools/list,
// search…) are answered as plain JSON instead: the stream is read to its end — it ends as soon as
// the responses are written — and its JSON-RPC responses become the body.
import { isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'

/** Whether a POST body holds a request whose answer may be preceded by notifications. */
export function mayStream(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body]
  return messages.some((m) => isJSONRPCRequest(m as JSONRPCMessage) && (m as { method: string }).method === 'tools/call')
}

export async function asJsonResponse(response: Response): Promise<Response> {
  if (!response.headers.get('content-type')?.startsWith('text/event-stream') || response.body === null) return response
  const text = await response.text()
  const messages = sseData(text).map((data) => JSON.parse(data) as unknown)
  const headers = new Headers(response.headers)
  // Anything but responses (a server-initiated request, say) keeps its event-stream form.
  if (messages.length === 0 || !messages.every(isResponse)) return new Response(text, { status: response.status, headers })
  headers.set('content-type', 'application/json')
  for (const name of ['cache-control', 'connection', 'x-accel-buffering']) headers.delete(name)
  return new Response(JSON.stringify(messages.length === 1 ? messages[0] : messages), { status: response.status, headers })
}

/** The `data` of each event in an event-stream body (multi-line data joined by newlines). */
export function sseData(text: string): string[] {
  const events: string[] = []
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
    if (data.length > 0) events.push(data.join('\n'))
  }
  return events
}

function isResponse(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'id' in message && ('result' in message || 'error' in message)
}
