// An upstream response as the sandbox may see it: at most `maxBytes` of body, decoded by media
// type, with every credential secret replaced by `[redacted]` before anything leaves here, and
// non-2xx statuses turned into an error whose message says what the upstream said.
//
// Shapes: JSON bodies parsed (application/json, text/json, any +json); text kept as a string;
// anything else `{ $base64, contentType, filename? }`, the shape requests take files in. A body
// longer than `maxBytes` stops being read there and the result says `truncated: true`; a cut
// JSON body cannot be parsed, so it comes back as its text.
import { ToolCallError } from '../kinds/tool-call-error'
import { isJsonMediaType } from './encode-body'
import { base64, latin1 } from '../../encoding/base64'

export type ReadResponseOptions = {
  /** every secret of the credential used (see applyCredential) */
  secrets: readonly string[]
  /** the connection's name, for the message when the upstream rejects its credential */
  connectionName: string
  maxBytes: number
}

export type BinaryData = { $base64: string; contentType: string; filename?: string }

export type ToolResponse = {
  status: number
  headers: Record<string, string>
  data: unknown
  /** present when the body was longer than maxBytes and was cut there */
  truncated?: true
}

/** A non-2xx answer; the message is what the agent reads. */
export class UpstreamError extends ToolCallError {
  readonly status: number
  /**
   * The answer's WWW-Authenticate header, redacted (an OAuth 2 connection reads
   * `insufficient_scope` from it). Not enumerable: it is read by the host, never serialized.
   */
  declare readonly wwwAuthenticate?: string
  constructor(status: number, message: string, wwwAuthenticate?: string) {
    super(message)
    this.name = 'UpstreamError'
    this.status = status
    if (wwwAuthenticate) Object.defineProperty(this, 'wwwAuthenticate', { value: wwwAuthenticate, enumerable: false })
  }
}

export const REDACTED = '[redacted]'
const DROPPED_HEADERS = new Set(['set-cookie', 'set-cookie2'])
const MESSAGE_LIMIT = 300

export async function readResponse(response: Response, options: ReadResponseOptions): Promise<ToolResponse> {
  const redactor = createRedactor(options.secrets)
  const { bytes, truncated } = await readCapped(response, options.maxBytes)
  const contentType = response.headers.get('content-type') ?? ''
  const data = decodeBody(bytes, contentType, response.headers.get('content-disposition'), truncated, redactor)
  const status = response.status
  if (status < 200 || status > 299)
    throw new UpstreamError(status, errorMessage(status, data, options.connectionName, redactor), redactor.text(response.headers.get('www-authenticate') ?? ''))
  const result: ToolResponse = { status, headers: safeHeaders(response.headers, redactor), data }
  if (truncated) result.truncated = true
  return result
}

export type Redactor = {
  text(value: string): string
  /** redacts, and also drops a cut-off beginning of a secret at the very end (where a body was cut) */
  cutText(value: string): string
  json(value: unknown): unknown
  bytes(value: Uint8Array): Uint8Array
  holdsSecret(value: string): boolean
}

/** Replaces each secret with `[redacted]`; call-operation.ts runs error messages through it too. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const list = [...new Set(secrets.filter((secret) => secret !== ''))].sort((a, b) => b.length - a.length)
  const text = (value: string) => list.reduce((current, secret) => current.split(secret).join(REDACTED), value)
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value)
    if (Array.isArray(value)) return value.map(json)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), json(item)]))
    }
    return value
  }
  // Secrets as UTF-8 bytes, compared one byte per char (Latin-1), so binary bodies are redacted too.
  const latin1Secrets = list.map((secret) => latin1(new TextEncoder().encode(secret)))
  const bytes = (value: Uint8Array) => {
    let body = latin1(value)
    if (!latin1Secrets.some((secret) => body.includes(secret))) return value
    for (const secret of latin1Secrets) body = body.split(secret).join(REDACTED)
    return Uint8Array.from(body, (char) => char.charCodeAt(0))
  }
  const cutText = (value: string) => {
    const redacted = text(value)
    for (const secret of list) {
      // a prefix of 4 characters or more (or all but one, for shorter secrets) left at the cut
      for (let length = secret.length - 1; length >= Math.min(4, secret.length - 1) && length > 0; length--) {
        if (redacted.endsWith(secret.slice(0, length))) return redacted.slice(0, -length) + REDACTED
      }
    }
    return redacted
  }
  return { text, cutText, json, bytes, holdsSecret: (value) => list.some((secret) => value.includes(secret)) }
}

async function readCapped(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(), truncated: false }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (total + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total))
      total = maxBytes
      truncated = true
      await reader.cancel().catch(() => undefined)
      break
    }
    chunks.push(value)
    total += value.byteLength
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { bytes, truncated }
}

function decodeBody(
  bytes: Uint8Array,
  contentType: string,
  disposition: string | null,
  truncated: boolean,
  redactor: Redactor,
): unknown {
  if (bytes.byteLength === 0) return null
  const type = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase()
  const text = isTextual(type) ? decodeText(bytes, contentType) : type === '' ? sniffText(bytes) : undefined
  if (text === undefined) {
    const binary: BinaryData = {
      $base64: base64(redactor.bytes(bytes)),
      contentType: type === '' ? 'application/octet-stream' : contentType,
    }
    const filename = disposition === null ? undefined : filenameOf(disposition)
    if (filename !== undefined) binary.filename = redactor.text(filename)
    return binary
  }
  if (truncated) return redactor.cutText(text)
  if (isJsonMediaType(type)) {
    try {
      return redactor.json(JSON.parse(redactor.text(text)))
    } catch {
      // not JSON after all (or a secret stood outside a string): the redacted text
    }
  }
  return redactor.text(text)
}

function isTextual(type: string): boolean {
  return (
    type.startsWith('text/') ||
    isJsonMediaType(type) ||
    type.endsWith('+xml') ||
    [
      'application/xml',
      'application/javascript',
      'application/ecmascript',
      'application/x-www-form-urlencoded',
      'application/yaml',
      'application/x-yaml',
      'application/graphql',
      'application/x-ndjson',
    ].includes(type)
  )
}

function decodeText(bytes: Uint8Array, contentType: string): string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes)
  } catch {
    return new TextDecoder().decode(bytes)
  }
}

/** Undeclared bodies are text when they are valid UTF-8 without NUL bytes. */
function sniffText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return text.includes('\0') ? undefined : text
  } catch {
    return undefined
  }
}

function filenameOf(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1]
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim())
    } catch {
      // fall through to the plain parameter
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]?.trim()
}

function safeHeaders(headers: Headers, redactor: Redactor): Record<string, string> {
  const result: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (DROPPED_HEADERS.has(name) || redactor.holdsSecret(name) || redactor.holdsSecret(value)) return
    result[name] = value
  })
  return result
}

function errorMessage(status: number, data: unknown, connectionName: string, redactor: Redactor): string {
  const said = upstreamMessage(data)
  const detail = said === undefined ? '' : `: ${said}`
  const message =
    status === 401 || status === 403
      ? `The upstream rejected the credential of connection "${connectionName}" (HTTP ${status})${detail}`
      : `The upstream answered HTTP ${status}${detail}`
  return redactor.text(message)
}

/** The upstream's own words: a JSON `message`/`error`/`detail`-like field, or the start of a text body. */
function upstreamMessage(data: unknown): string | undefined {
  if (typeof data === 'string') return snippet(data.replace(/<[^>]*>/g, ' '))
  if (data === null || typeof data !== 'object') return undefined
  const record = data as Record<string, unknown>
  for (const key of ['message', 'error_description', 'detail', 'error', 'title', 'errors']) {
    const value = record[key]
    if (typeof value === 'string' && value.trim() !== '') return snippet(value)
    if (Array.isArray(value) && value.length > 0) {
      const first = upstreamMessage(value[0]) ?? (typeof value[0] === 'string' ? snippet(value[0]) : undefined)
      if (first !== undefined) return first
    } else if (value !== null && typeof value === 'object') {
      const nested = upstreamMessage(value)
      if (nested !== undefined) return nested
    }
  }
  return undefined
}

function snippet(text: string): string | undefined {
  const collapsed = text.replace(/\s+/g, ' ').trim()
  if (collapsed === '') return undefined
  return collapsed.length > MESSAGE_LIMIT ? `${collapsed.slice(0, MESSAGE_LIMIT)}…` : collapsed
}
