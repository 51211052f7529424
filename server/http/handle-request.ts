// The request pipeline both targets share: request id, API body guard, error envelope and one
// structured log line per request. The framework handler is passed in as `next`.
import type { Logger } from '../observability/logger'
import { checkLoopbackRequest } from './host-check'
import { ServerTiming } from '../observability/server-timing'
import { checkOrigin } from './origin-check'
import { withHeaders } from './response-headers'
import { parseJsonText } from './json-body'
import { bodyLimitFor, DEFAULT_BODY_LIMITS, readBoundedBody, type BodyLimits } from './bounded-body'
import { errorResponse } from './error-response'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const REQUEST_ID = /^[\w.:-]{8,128}$/

export type RequestSettings = {
  log: Logger
  publicOrigin: string
  /** origins trusted for browser auth; the public origin when omitted */
  trustedOrigins?: readonly string[]
  /** the server listens on loopback only: /mcp and /api/* then refuse foreign Host and Origin headers */
  loopbackBind?: boolean
  /** the variable that sets `publicOrigin` on this target, for the INVALID_ORIGIN message */
  originVariable: string
  /** request body caps; DEFAULT_BODY_LIMITS when unset */
  bodyLimits?: BodyLimits
  /** send a `Server-Timing` header with the request's stages (EXECUTOR_SERVER_TIMING) */
  serverTiming?: boolean
}

export async function handleRequest(
  request: Request,
  settings: RequestSettings,
  next: (request: Request, context: { pathname: string; timing: ServerTiming | undefined }) => Promise<Response>,
): Promise<Response> {
  const { log } = settings
  const timing = settings.serverTiming ? new ServerTiming() : undefined
  const started = performance.now()
  const url = new URL(request.url)
  const incomingId = request.headers.get('x-request-id')
  const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID()
  let response: Response
  try {
    const isApi = url.pathname.startsWith('/api/')
    const trustedOrigins = settings.trustedOrigins ?? [settings.publicOrigin]
    checkOrigin(request, settings.publicOrigin, settings.originVariable, trustedOrigins)
    checkLoopbackRequest(request, {
      loopbackBind: settings.loopbackBind ?? false,
      trustedOrigins,
      originVariable: settings.originVariable,
    })
    const bounded = await withBoundedBody(request, bodyLimitFor(url.pathname, settings.bodyLimits ?? DEFAULT_BODY_LIMITS))
    if (isApi && bounded.body) rejectMalformedJson(request, bounded.body)
    response = await next(bounded.request, { pathname: url.pathname, timing })
  } catch (error) {
    response = errorResponse(error, requestId, log)
  }
  response = withHeaders(response, { 'x-request-id': requestId })
  // Health probes arrive every few seconds from Docker and load balancers; log only failures.
  if (!(url.pathname === '/api/health' && response.ok)) {
    log.info('request', {
      requestId,
      method: request.method,
      path: url.pathname,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    })
  }
  if (timing) response = withHeaders(response, { 'server-timing': timing.header() })
  return response
}

// A body is read here, once and never past its limit, before anything else sees it; routes get
// a request carrying those bytes, so no handler (ours, Better Auth's or the MCP SDK's) can be
// made to buffer more than the limit.
async function withBoundedBody(request: Request, maxBytes: number): Promise<{ request: Request; body?: Uint8Array<ArrayBuffer> }> {
  if (!BODY_METHODS.has(request.method) || !request.body) return { request }
  const body = await readBoundedBody(request, maxBytes)
  // Built from its parts, not `new Request(request, …)`: under Node's dev server the incoming
  // request is the framework's own Request-like object, which undici refuses to copy. The signal
  // goes along, so a client that disconnects still aborts what the request started.
  const copy = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal })
  return { request: copy, body }
}

// Every API route answers a malformed JSON body with the same 400, whether or not it reads the
// body itself: bad input gets a clear error.
function rejectMalformedJson(request: Request, body: Uint8Array) {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) return
  const text = new TextDecoder().decode(body)
  if (text.trim() === '') return
  parseJsonText(text)
}
