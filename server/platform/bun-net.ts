// The container's network capabilities for the guard: the system resolver through
// node:dns, and an HTTP connector that connects to the address the guard checked. Both Bun (the
// container) and Node (Vitest) honour node:http's `lookup` option, which pins the socket to that
// address while Host, SNI and the certificate check keep the URL's host name.
import { lookup } from 'node:dns/promises'
import { once } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { pipeline, type Readable } from 'node:stream'
import zlib from 'node:zlib'
import type { HttpConnector, Resolver } from './types'

export interface DnsResolverOptions {
  /** per lookup; 5 s by default */
  readonly timeoutMs?: number
}

/** Resolves through getaddrinfo (hosts file, search domains, the container's DNS), all addresses in its order. */
export function createDnsResolver(options: DnsResolverOptions = {}): Resolver {
  const timeoutMs = options.timeoutMs ?? 5_000
  return {
    async resolve(hostname) {
      // getaddrinfo cannot be cancelled; on timeout its answer is simply ignored.
      const records = await withTimeout(
        lookup(hostname, { all: true, order: 'verbatim' }),
        timeoutMs,
        `lookup timed out after ${timeoutMs} ms`,
      )
      return records.map((record) => ({ address: record.address, family: record.family === 6 ? 6 : 4 }))
    },
  }
}

export interface PinnedConnectorOptions {
  /** socket idle time allowed while connecting, waiting for headers and between body chunks; 30 s by default */
  readonly timeoutMs?: number
  /** CA certificates (PEM) to trust instead of the system store; for tests and private CAs */
  readonly ca?: string | string[]
}

interface PinnedRequestOptions extends https.RequestOptions {
  readonly pinnedAddress: string
}

// Keep-alive pools are keyed by host and port; adding the pinned address means a socket opened
// to one checked address is never reused for a request the guard pinned elsewhere.
class PinnedHttpAgent extends http.Agent {
  override getName(options?: http.ClientRequestArgs & { pinnedAddress?: string }): string {
    return `${super.getName(options)}@${options?.pinnedAddress ?? ''}`
  }
}

class PinnedHttpsAgent extends https.Agent {
  override getName(options?: https.RequestOptions & { pinnedAddress?: string }): string {
    return `${super.getName(options)}@${options?.pinnedAddress ?? ''}`
  }
}

// Fetch's forbidden request headers that a connection manages itself.
const CONNECTION_HEADERS = [
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
]
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/** node:http(s) requests whose socket goes to the given address; a web Response with a streamed body. */
export function createPinnedConnector(options: PinnedConnectorOptions = {}): HttpConnector {
  const timeoutMs = options.timeoutMs ?? 30_000
  const httpAgent = new PinnedHttpAgent({ keepAlive: true })
  const httpsAgent = new PinnedHttpsAgent({ keepAlive: true })
  return {
    async fetch(url, address, init) {
      const signal = init.signal ?? undefined
      signal?.throwIfAborted()
      const method = init.method ?? 'GET'
      const headers = new Headers(init.headers)
      for (const name of CONNECTION_HEADERS) headers.delete(name)
      // As fetch does; the body is decoded below, so only offer what zlib reads.
      if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br')
      const body = await encodeBody(init.body, method, headers)
      const secure = url.protocol === 'https:'
      const requestOptions: PinnedRequestOptions = {
        method,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(headers),
        lookup: pinnedLookup(address),
        agent: secure ? httpsAgent : httpAgent,
        ca: options.ca,
        pinnedAddress: address,
      }
      return send(secure ? https.request(requestOptions) : http.request(requestOptions), url, body, {
        method,
        signal,
        timeoutMs,
      })
    },
  }
}

function pinnedLookup(address: string): LookupFunction {
  const family = address.includes(':') ? 6 : 4
  return (_hostname, options, callback) => {
    // Node asks for every address when it races families (autoSelectFamily); give it just ours.
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
}

async function encodeBody(
  body: RequestInit['body'],
  method: string,
  headers: Headers,
): Promise<Uint8Array | ReadableStream<Uint8Array> | null> {
  if (body === null || body === undefined) return null
  if (method === 'GET' || method === 'HEAD') throw new TypeError(`A ${method} request cannot have a body`)
  if (body instanceof ReadableStream) return body
  // Response extracts every other BodyInit the way fetch does, default Content-Type included.
  const extracted = new Response(body)
  const type = extracted.headers.get('content-type')
  if (type !== null && !headers.has('content-type')) headers.set('content-type', type)
  const bytes = new Uint8Array(await extracted.arrayBuffer())
  headers.set('content-length', String(bytes.byteLength))
  return bytes
}

interface SendOptions {
  readonly method: string
  readonly signal: AbortSignal | undefined
  readonly timeoutMs: number
}

function send(
  request: http.ClientRequest,
  url: URL,
  body: Uint8Array | ReadableStream<Uint8Array> | null,
  { method, signal, timeoutMs }: SendOptions,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let incoming: http.IncomingMessage | undefined
    // Like fetch: an abort or a timeout rejects as itself, anything else as a TypeError.
    let stopped: Error | undefined
    const stop = (error: Error) => {
      stopped = error
      request.destroy(error)
      incoming?.destroy(error)
    }
    const onAbort = () =>
      stop(signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'))
    signal?.addEventListener('abort', onAbort, { once: true })
    const cleanup = () => signal?.removeEventListener('abort', onAbort)
    request.once('close', cleanup)
    request.setTimeout(timeoutMs, () =>
      stop(new DOMException(`${url.host} sent nothing for ${timeoutMs} ms`, 'TimeoutError')),
    )
    request.on('error', (error) => {
      cleanup()
      reject(
        error === stopped ? error : new TypeError(`Request to ${url.host} failed: ${error.message}`, { cause: error }),
      )
    })
    request.once('response', (response) => {
      incoming = response
      response.once('close', cleanup)
      resolve(toResponse(response, method))
    })
    if (body instanceof Uint8Array) request.end(body)
    else if (body === null) request.end()
    else
      pump(body, request).catch((error: unknown) =>
        request.destroy(error instanceof Error ? error : new Error(String(error))),
      )
  })
}

async function pump(stream: ReadableStream<Uint8Array>, request: http.ClientRequest): Promise<void> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!request.write(value)) await once(request, 'drain')
    }
    request.end()
  } catch (error) {
    await reader.cancel(error).catch(() => undefined)
    throw error
  } finally {
    reader.releaseLock()
  }
}

function toResponse(incoming: http.IncomingMessage, method: string): Response {
  const headers = new Headers()
  const raw = incoming.rawHeaders
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] ?? '', raw[index + 1] ?? '')
  const status = incoming.statusCode ?? 502
  // Response refuses a reason phrase with control characters; drop such a phrase, keep the response.
  const statusText = /^[\t\x20-\x7e\x80-\xff]*$/.test(incoming.statusMessage ?? '')
    ? (incoming.statusMessage ?? '')
    : ''
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    incoming.resume()
    return new Response(null, { status, statusText, headers })
  }
  return new Response(toWebStream(decoded(incoming, headers.get('content-encoding'))), { status, statusText, headers })
}

/** Decodes gzip, deflate and br as fetch does; headers stay as the server sent them, as in undici. */
function decoded(incoming: http.IncomingMessage, contentEncoding: string | null): Readable {
  const encoding = contentEncoding?.trim().toLowerCase()
  // Lenient about a truncated final block, as browsers and undici are.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip(lenient)
      : encoding === 'deflate'
        ? zlib.createInflate(lenient)
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  if (decoder === undefined) return incoming
  return pipeline(incoming, decoder, () => undefined)
}

/** Pull-based, so a slow reader slows the socket instead of buffering the whole body. */
function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel() {
      source.destroy()
    },
  })
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
