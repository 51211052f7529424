// Request body size limits. A body is refused from its Content-Length when that already says
// too much, and otherwise counted while it arrives and abandoned the moment it passes the
// limit, so no request, declared or chunked, can make the server hold more than the limit.
import { AppError } from './app-error'
import { readCapped } from './read-capped'

export type BodyLimits = {
  /** every request except /mcp: JSON API calls, Better Auth, server functions (bytes) */
  api: number
  /** MCP messages on /mcp (bytes) */
  mcp: number
  /** routes that take a whole API description: adding, previewing and refreshing an integration (bytes) */
  documents: number
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { api: 1024 * 1024, mcp: 4 * 1024 * 1024, documents: 50 * 1024 * 1024 }

/** POST /api/integrations, …/preview, …/detect and …/<id>/refresh carry documents. */
const DOCUMENT_ROUTE = /^\/api\/integrations(?:\/preview|\/detect|\/[^/]+\/refresh)?\/?$/

export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
  if (pathname === '/mcp' || pathname.startsWith('/mcp/')) return limits.mcp
  return DOCUMENT_ROUTE.test(pathname) ? Math.max(limits.documents, limits.api) : limits.api
}

/** The whole body, at most `maxBytes` of it; a 413 PAYLOAD_TOO_LARGE as soon as there is more. */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  return readCapped(request.body, request.headers.get('content-length'), maxBytes, () => tooLarge(maxBytes))
}

function tooLarge(maxBytes: number) {
  return new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${formatBytes(maxBytes)}`, {
    limitBytes: maxBytes,
  })
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}
