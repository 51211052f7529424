// What the Worker answers while its platform cannot boot (missing secret, D1 unreachable or not
// migrated), instead of an opaque error. Health says degraded. Configuration the operator must
// fix is a 500 (retrying will not help); an unavailable database is a 503 (it may). API and MCP
// clients get the JSON error envelope; a browser opening the console gets a page saying the same.
// The container never gets here: a failed boot exits before it listens. A request the platform
// refuses before booting (an AppError) gets that error's own status and code.
import { ConfigError } from '../config/config-error'
import { AppError, errorStatus } from './app-error'
import { escapeHtml } from './escape-html'
import { isGuardedPath } from './host-check'
import { errorFields, type Logger } from '../observability/logger'

type Failure = { status: number; code: string; title: string; message: string; headers: Record<string, string> }

export function bootFailureResponse(request: Request, error: unknown, log: Logger): Response {
  const requestId = crypto.randomUUID()
  if (error instanceof AppError) log.warn('request refused before boot', { requestId, code: error.code })
  else log.error('boot failed', { requestId, ...errorFields(error) })
  const { pathname } = new URL(request.url)
  if (pathname === '/api/health' && !(error instanceof AppError)) {
    return Response.json({ status: 'degraded' }, { status: 503, headers: { 'cache-control': 'no-store' } })
  }
  const failure = describe(error)
  const headers = { ...failure.headers, 'cache-control': 'no-store', 'x-request-id': requestId }
  if (isMachineEndpoint(pathname)) {
    return Response.json({ code: failure.code, message: failure.message, requestId }, { status: failure.status, headers })
  }
  return new Response(errorPage(failure, requestId), {
    status: failure.status,
    headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
  })
}

// Config issues name a variable and its fix, never a value, so the operator may see them.
function describe(error: unknown): Failure {
  if (error instanceof AppError) {
    return { status: errorStatus[error.code], code: error.code, title: 'Request refused', message: error.message, headers: {} }
  }
  if (error instanceof ConfigError) {
    return {
      status: 500,
      code: 'NOT_CONFIGURED',
      title: 'Executor is not configured',
      message: `Executor is not configured: ${error.issues.map((i) => i.message).join('; ')}`,
      headers: {},
    }
  }
  return {
    status: 503,
    code: 'UNAVAILABLE',
    title: 'Executor is unavailable',
    message: 'Executor is starting up or its database is unavailable; try again shortly',
    headers: { 'retry-after': '5' },
  }
}

/** Paths whose callers are programs (API clients, MCP clients, OAuth discovery), not browsers. */
function isMachineEndpoint(pathname: string): boolean {
  return isGuardedPath(pathname) || pathname.startsWith('/.well-known/')
}

function errorPage(failure: Failure, requestId: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(failure.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#18181b}code{background:#f4f4f5;padding:0 .25rem;border-radius:.25rem}small{color:#71717a}</style></head>
<body>
<h1>${escapeHtml(failure.title)}</h1>
<p>${escapeHtml(failure.message)}</p>
<p><small>Request ID: ${escapeHtml(requestId)}</small></p>
</body>
</html>
`
}

