// Test-only (imported by *.test.ts, never by the app): real HTTP(S) servers on 127.0.0.1 that
// record what reached them. Fakes are real servers rather than fetch interception,
// so the guard and the connectors meet real sockets.
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  readonly method: string
  readonly path: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https) */
  readonly origin: string
  readonly port: number
  /** every request, in arrival order */
  readonly seen: SeenRequest[]
  close(): Promise<void>
}

export type TestHandler = (request: SeenRequest, response: http.ServerResponse) => void

/** Listens on 127.0.0.1 only, on a free port; with `tls`, serves HTTPS with that key and certificate. */
export async function startTestServer(handler: TestHandler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const seen: SeenRequest[] = []
  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      seen.push(entry)
      handler(entry, response)
    })
  }
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
