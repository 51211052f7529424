// OAuth endpoints answer errors in both shapes at once: RFC 6749's `error`/`error_description`,
// which MCP clients read, and our `{code, message, requestId}` envelope, which everything else
// in Executor answers with.
import { AppError, type ErrorCode } from '../http/app-error'

export type OAuthErrorName =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_target'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'access_denied'

export function oauthError(error: OAuthErrorName, description: string, code: ErrorCode = 'BAD_REQUEST'): AppError {
  return new AppError(code, description, { error, error_description: description })
}
