// What the Worker answers while its platform cannot boot (missing secret, D1 unreachable or not
// migrated): health says degraded and every other request gets a 503 JSON error, instead of an
// opaque 500. The container never gets here: a failed boot exits before it listens.
import { ConfigError } from '../config/config-error'
import { AppError } from './app-error'
import { errorFields, type Logger } from '../observability/logger'

export function bootFailureResponse(request: Request, error: unknown, log: Logger): Response {
  log.error('boot failed', errorFields(error))
  const requestId = crypto.randomUUID()
  // A setting the platform refuses to run with (ENABLE_DEV_AUTH off loopback) names itself.
  if (error instanceof AppError) {
    return Response.json({ code: error.code, message: error.message, requestId }, { status: error.status, headers: { 'x-request-id': requestId } })
  }
  if (new URL(request.url).pathname === '/api/health') {
    return Response.json({ status: 'degraded' }, { status: 503, headers: { 'cache-control': 'no-store' } })
  }
  // Config issues name a variable and its fix, never a value, so the operator may see them.
  const message =
    error instanceof ConfigError
      ? `Executor is not configured: ${error.issues.map((i) => i.message).join('; ')}`
      : 'Executor is starting up or its database is unavailable; try again shortly'
  return Response.json({ code: 'UNAVAILABLE', message, requestId }, { status: 503, headers: { 'retry-after': '5', 'x-request-id': requestId } })
}
