// The container compresses what it makes per request: server-rendered HTML (and any other page
// text without a precompressed copy). Hashed files under /assets are compressed once at build
// time (Nitro's compressPublicAssets) and served with their .br/.gz copy, so they arrive here
// already encoded and pass through. The Worker needs none of this: Cloudflare compresses at its edge.
import { withHeaders } from '../http/response-headers'

const COMPRESSIBLE = /^(text\/(html|css|javascript|plain)|application\/javascript|image\/svg\+xml)\b/i
/** Below this a compressed body plus its header is barely smaller, if at all. */
const MIN_BYTES = 1024
/** Brotli 11 (Bun's default) is for build time; 5 is fast enough per request and still beats gzip. */
const BROTLI_LEVEL = 5

type Encoding = 'br' | 'gzip'
// Bun's CompressionStream also takes `brotli` and a level; the DOM types know only the web formats.
type BunCompressionStream = new (format: 'brotli' | 'gzip', options?: { level?: number }) => CompressionStream

const canBrotli = (() => {
  try {
    new (CompressionStream as unknown as BunCompressionStream)('brotli')
    return true
  } catch {
    return false
  }
})()

/** The encoding the client prefers among those we make (brotli on a tie), or none. */
export function pickEncoding(acceptEncoding: string | null, brotli = canBrotli): Encoding | undefined {
  const quality = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim().match(/^q=([\d.]+)$/)?.[1]).find((v) => v !== undefined)
    if (name) quality.set(name, q === undefined ? 1 : Number(q))
  }
  const wildcard = quality.get('*') ?? 0
  const offered: Encoding[] = brotli ? ['br', 'gzip'] : ['gzip']
  let best: Encoding | undefined
  let bestQ = 0
  for (const encoding of offered) {
    const q = quality.get(encoding) ?? wildcard
    if (q > bestQ) [best, bestQ] = [encoding, q]
  }
  return best
}

/** `response`, compressed for `request` when worthwhile; HTML also gets its cache policy. */
export function compressResponse(request: Request, response: Response): Response {
  const type = response.headers.get('content-type') ?? ''
  if (/^text\/html\b/i.test(type) && !response.headers.has('cache-control')) {
    // Pages name the signed-in person and change with every deploy: a browser may keep a copy
    // but must ask first, and shared caches must not keep one.
    response = withHeaders(response, { 'cache-control': 'private, no-cache' })
  }
  if (!worthCompressing(request, response, type)) return response
  const encoding = pickEncoding(request.headers.get('accept-encoding'))
  if (encoding === undefined || response.body === null) return withHeaders(response, { vary: varyOn(response) })
  const stream =
    encoding === 'br'
      ? new (CompressionStream as unknown as BunCompressionStream)('brotli', { level: BROTLI_LEVEL })
      : new CompressionStream('gzip')
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.set('content-encoding', encoding)
  headers.set('vary', varyOn(response))
  return new Response(response.body.pipeThrough(stream), { status: response.status, statusText: response.statusText, headers })
}

function worthCompressing(request: Request, response: Response, type: string): boolean {
  if (request.method === 'HEAD' || response.body === null) return false
  if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304) return false
  if (response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return false
  if (/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')) return false
  const length = response.headers.get('content-length')
  return length === null || Number(length) >= MIN_BYTES
}

function varyOn(response: Response): string {
  const vary = response.headers.get('vary')
  if (!vary) return 'Accept-Encoding'
  return /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`
}
