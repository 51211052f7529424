import { expect, test } from 'vitest'
import { asJsonResponse, jsonUntilNotified, mayStream, sseData } from './json-unless-streaming'

const sse = (text: string) =>
  new Response(text, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'mcp-session-id': 's1' } })

test('only tool calls may stream', () => {
  expect(mayStream({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {} })).toBe(true)
  expect(mayStream([{ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: {} }])).toBe(true)
  expect(mayStream({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toBe(false)
  expect(mayStream({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBe(false)
  expect(mayStream(undefined)).toBe(false)
})

test('reads each event\'s data, joining multi-line data', () => {
  expect(sseData('event: message\nid: 1\ndata: {"a":1}\n\ndata: x\ndata: y\n\n: keepalive\n\n')).toEqual(['{"a":1}', 'x\ny'])
})

test('a stream of responses becomes one JSON body with the other headers kept', async () => {
  const single = await asJsonResponse(sse('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n'))
  expect(single.headers.get('content-type')).toBe('application/json')
  expect(single.headers.get('mcp-session-id')).toBe('s1')
  expect(single.headers.get('cache-control')).toBeNull()
  expect(await single.json()).toEqual({ jsonrpc: '2.0', id: 1, result: {} })
  const batch = await asJsonResponse(sse('data: {"jsonrpc":"2.0","id":1,"result":{}}\n\ndata: {"jsonrpc":"2.0","id":2,"error":{"code":1,"message":"m"}}\n\n'))
  expect(await batch.json()).toHaveLength(2)
})

test('a stream with anything but responses, and a JSON answer, pass through as they are', async () => {
  const mixed = 'data: {"jsonrpc":"2.0","method":"notifications/message","params":{}}\n\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n'
  const kept = await asJsonResponse(sse(mixed))
  expect(kept.headers.get('content-type')).toBe('text/event-stream')
  expect(await kept.text()).toBe(mixed)
  const json = Response.json({ a: 1 }, { status: 404 })
  expect(await asJsonResponse(json)).toBe(json)
})

/** An event stream that sends `events` one by one and stays open until `end` is called. */
function liveStream(events: string[]) {
  let end = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(new TextEncoder().encode(event))
      end = () => controller.close()
    },
  })
  return { response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }), end: () => end() }
}

test('a tool call answered before any notification becomes JSON', async () => {
  const { response, end } = liveStream(['data: {"jsonrpc":"2.0","id":3,"result":{"ok":1}}\n\n'])
  const answer = jsonUntilNotified(response)
  end()
  const json = await answer
  expect(json.headers.get('content-type')).toBe('application/json')
  expect(await json.json()).toEqual({ jsonrpc: '2.0', id: 3, result: { ok: 1 } })
})

test('a notification switches a tool call to the event stream at once, replaying what was read', async () => {
  const note = 'data: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hi"}}\n\n'
  const { response, end } = liveStream([note.slice(0, 20), note.slice(20)])
  // Resolves while the stream is still open: the client sees the notification before the result.
  const streamed = await jsonUntilNotified(response)
  expect(streamed.headers.get('content-type')).toBe('text/event-stream')
  end()
  expect(await streamed.text()).toBe(note)
})
