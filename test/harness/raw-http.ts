// HTTP with a Host header of the test's choosing (fetch always sends the URL's host), to act as a
// browser that reached our loopback server under another name: DNS rebinding, or `localhost`.
// It also reads an answer the server sends before it has read the whole body (a 413 for a body
// over the limit) and then closes the connection: fetch reports that as a failed request.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: Record<string, unknown>; text: string }

export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    let responded = false
    const req = httpRequest(
      url,
      {
        method: options.method ?? (payload === undefined ? 'GET' : 'POST'),
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      },
      (res) => {
        responded = true
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        const finish = () => {
          let body: Record<string, unknown> = {}
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
          } catch {
            // not JSON; `text` has it
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text })
        }
        res.on('end', finish)
        // The connection closed after the answer arrived (the rest of our body unread): keep it.
        res.on('close', finish)
      },
    )
    req.on('error', (error) => {
      if (!responded) reject(error)
    })
    req.end(payload)
  })
}
