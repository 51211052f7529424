// The request pipeline both targets share: request id, API body guard, error envelope and one
// structured log line per request (SPEC §11). The framework handler is passed in as `next`.
import type { Logger } from '../observability/logger'
import { ServerTiming } from '../observability/server-timing'
import { checkOrigin } from './origin-check'
import { withHeaders } from './response-headers'
import { parseJsonText } from './json-body'
import { errorResponse } from './error-response'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const REQUEST_ID = /^[\w.:-]{8,128}$/

export type RequestSettings = {
  log: Logger
  publicOrigin: string
  /** the variable that sets `publicOrigin` on this target, for the INVALID_ORIGIN message */
  originVariable: string
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
    checkOrigin(request, settings.publicOrigin, settings.originVariable)
    if (isApi) await rejectMalformedJson(request)
    response = await next(request, { pathname: url.pathname, timing })
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

// Every API route answers a malformed JSON body with the same 400, whether or not it reads the
// body itself (SPEC: bad input gets a clear error). The original request stays unread.
async function rejectMalformedJson(request: Request) {
  if (!BODY_METHODS.has(request.method)) return
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) return
  const text = await request.clone().text()
  if (text.trim() === '') return
  parseJsonText(text)
}
