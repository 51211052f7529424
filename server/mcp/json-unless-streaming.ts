// The transport answers every POST as a server-sent event stream, so a tool call can carry log and
// progress notifications before its result. Requests that never stream (initialize, tools/list,
// search…) are answered as plain JSON instead: the stream is read to its end — it ends as soon as
// the responses are written — and its JSON-RPC responses become the body. A tool call is answered
// as JSON too when its result comes before any notification (a quiet program: no event-stream
// framing for the client to parse, and the response headers can still carry what the whole call
// cost); its first notification switches it to the event stream, replaying what was read.
import { isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'

/** Whether a POST body holds a request whose answer may be preceded by notifications. */
export function mayStream(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body]
  return messages.some((m) => isJSONRPCRequest(m as JSONRPCMessage) && (m as { method: string }).method === 'tools/call')
}

export async function asJsonResponse(response: Response): Promise<Response> {
  if (!isEventStream(response) || response.body === null) return response
  return collapse(await response.text(), response)
}

/** As asJsonResponse while only responses arrive; the event stream itself once a notification does. */
export async function jsonUntilNotified(response: Response): Promise<Response> {
  if (!isEventStream(response) || response.body === null) return response
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const read: Uint8Array[] = []
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return collapse(text + decoder.decode(), response)
    read.push(value)
    text += decoder.decode(value, { stream: true })
    const complete = text.slice(0, Math.max(text.lastIndexOf('\n\n'), 0))
    if (sseData(complete).some((data) => !isResponse(JSON.parse(data)))) return replayed(read, reader, response)
  }
}

function replayed(read: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, response: Response): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of read) controller.enqueue(chunk)
    },
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return new Response(body, { status: response.status, headers: response.headers })
}

function isEventStream(response: Response): boolean {
  return response.headers.get('content-type')?.startsWith('text/event-stream') ?? false
}

function collapse(text: string, response: Response): Response {
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
