import { AppError } from '../http/app-error'
import { oauthError } from './oauth-error'

/** An OAuth endpoint's `application/x-www-form-urlencoded` body (RFC 6749 §3.2). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the parameters as application/x-www-form-urlencoded', {
      error: 'invalid_request',
      error_description: 'Send the parameters as application/x-www-form-urlencoded',
    })
  }
  try {
    return new URLSearchParams(await request.text())
  } catch {
    throw oauthError('invalid_request', 'The request body could not be read')
  }
}
