// Dynamic client registration is open to anyone, so each client address may register only so
// many clients per window; real MCP clients register once per server and keep the result.
import { createFailureLimiter } from '../auth/failure-limiter'
import { AppError } from '../http/app-error'
import { CLIENT_IP_HEADER } from '../http/client-ip'

export const REGISTRATIONS_PER_ADDRESS = { limit: 30, windowMs: 10 * 60 * 1000 }

const registrations = createFailureLimiter(REGISTRATIONS_PER_ADDRESS)

/** Counts one registration from the request's address; 429 once it has had its share. */
export function countRegistration(request: Request, now: number): void {
  const address = request.headers.get(CLIENT_IP_HEADER) ?? 'unknown'
  const wait = registrations.blockedFor(address, now)
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000)
    throw new AppError(
      'RATE_LIMITED',
      `Too many client registrations from this address; try again in ${Math.ceil(seconds / 60)} minutes`,
      { error: 'invalid_request', error_description: 'Too many client registrations from this address' },
      { 'retry-after': String(seconds) },
    )
  }
  registrations.recordFailure(address, now)
}
