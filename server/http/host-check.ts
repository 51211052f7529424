// DNS-rebinding guard for a server that listens on loopback only. A web page can point its own
// name at 127.0.0.1 and then talk to us as "same origin"; the Host header still carries its name,
// so on /mcp and /api/* we answer only to loopback names and the origins we trust. Browsers on
// other sites are refused by Origin too: only our own and loopback pages may call these paths.
// A server bound to a public or wildcard address is reached by name through DNS it owns, so the
// rule applies only when the platform says the bind is loopback.
import { AppError } from './app-error'
import { hostnameOf, isLoopbackHostname } from './loopback'

export type HostPolicy = {
  /** the server listens on a loopback address only */
  loopbackBind: boolean
  /** origins browsers use for this server (the public origin first) */
  trustedOrigins: readonly string[]
  /** the variable that sets the public origin, for the message */
  originVariable: string
}

/** Whether the rule covers this path: the API and MCP endpoints, not pages or assets. */
export function isGuardedPath(pathname: string): boolean {
  return pathname === '/mcp' || pathname.startsWith('/mcp/') || pathname.startsWith('/api/')
}

/** Throws INVALID_HOST or INVALID_ORIGIN (403) for a request a loopback-bound server must not answer. */
export function checkLoopbackRequest(request: Request, policy: HostPolicy): void {
  if (!policy.loopbackBind || !isGuardedPath(new URL(request.url).pathname)) return
  const host = request.headers.get('host') ?? new URL(request.url).host
  if (!isAllowedHost(host, policy.trustedOrigins)) {
    throw new AppError(
      'INVALID_HOST',
      `This Executor listens on a loopback address and answers only to localhost, 127.0.0.1 or its public origin's host, not "${host}". ` +
        `If you reach it through a proxy under that name, set ${policy.originVariable} to that origin and restart.`,
    )
  }
  const origin = request.headers.get('origin')
  if (origin !== null && !isAllowedOrigin(origin, policy.trustedOrigins)) {
    throw new AppError(
      'INVALID_ORIGIN',
      `Requests from pages at ${origin} are refused: this Executor listens on a loopback address and accepts only its own origin (${policy.trustedOrigins[0] ?? ''}) and loopback pages.`,
    )
  }
}

export function isAllowedHost(host: string, trustedOrigins: readonly string[]): boolean {
  const hostname = hostnameOf(host)
  if (hostname === undefined) return false
  if (isLoopbackHostname(hostname)) return true
  return trustedOrigins.some((origin) => {
    const trusted = new URL(origin)
    // Parse the header against the trusted origin's scheme, so a default port written out matches.
    return new URL(`${trusted.protocol}//${host}`).host === trusted.host
  })
}

export function isAllowedOrigin(origin: string, trustedOrigins: readonly string[]): boolean {
  if (trustedOrigins.includes(origin)) return true
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin && isLoopbackHostname(url.hostname)
  } catch {
    return false
  }
}
