import { AppError } from './app-error'

/** Whether a list request asks for every member's rows (`?all=1`), not only the caller's. */
export function wantsAll(request: Request): boolean {
  const all = new URL(request.url).searchParams.get('all')
  if (all === null || all === '0') return false
  if (all === '1') return true
  throw new AppError('BAD_REQUEST', 'Invalid query: all must be 0 or 1')
}
