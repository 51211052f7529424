// The public origin is the one trusted for browser auth; with none configured on a
// loopback bind, each loopback spelling of the port is trusted too. A state-changing request that
// a browser sent from another origin — to Better Auth, or carrying our session cookie anywhere —
// is refused with a message that tells the operator what to set.
import { AppError } from './app-error'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function checkOrigin(
  request: Request,
  publicOrigin: string,
  originVariable: string,
  trustedOrigins: readonly string[] = [publicOrigin],
): void {
  if (SAFE_METHODS.has(request.method)) return
  const origin = request.headers.get('origin')
  // Browsers send Origin on every cross-site and same-site POST; API clients need not.
  if (origin === null || origin === publicOrigin || trustedOrigins.includes(origin)) return
  const isAuthEndpoint = new URL(request.url).pathname.startsWith('/api/auth/')
  if (!isAuthEndpoint && !request.headers.has('cookie')) return
  throw new AppError(
    'INVALID_ORIGIN',
    `This request came from ${origin}, but this Executor's public origin is ${publicOrigin}. ` +
      `If people open Executor at ${origin}, set ${originVariable}=${origin} and restart.`,
  )
}
