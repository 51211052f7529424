import { errorFields, type Logger } from '../observability/logger'
import { AppError } from './app-error'

/** `{ error: { code, message, requestId } }` for an AppError; anything else is logged and a generic 500. */
export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  if (error instanceof AppError) {
    return Response.json(
      { error: { code: error.code, message: error.message, requestId, ...error.details } },
      { status: error.status },
    )
  }
  log.error('unhandled error', { requestId, ...errorFields(error) })
  return Response.json(
    { error: { code: 'INTERNAL', message: 'Internal server error', requestId } },
    { status: 500 },
  )
}
