import { errorFields, type Logger } from '../observability/logger'
import { AppError } from './app-error'

/**
 * `{ code, message, requestId }` for an AppError, the same flat shape Better Auth answers with under
 * /api/auth, so API clients read one error format everywhere; anything else is logged and a generic 500.
 */
export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  if (error instanceof AppError) {
    return Response.json(
      { code: error.code, message: error.message, requestId, ...error.details },
      { status: error.status, headers: error.headers },
    )
  }
  log.error('unhandled error', { requestId, ...errorFields(error) })
  return Response.json(
    { code: 'INTERNAL', message: 'Internal server error', requestId },
    { status: 500 },
  )
}
