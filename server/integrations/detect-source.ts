// What a URL or a pasted document is, before anything is imported: an OpenAPI description, a
// GraphQL endpoint or schema, or a remote MCP server, and how sure Executor is. Probes go through
// the network guard like every other request, each small and short.
import { AppError } from '../http/app-error'
import { NetworkGuardError } from '../net/guard-error'
import type { GuardedFetch } from '../net/guarded-fetch'
import type { IntegrationKind } from '~/db/enums'

export type Detection = {
  kind: IntegrationKind
  /** `certain`: it answered as one; `likely`: its path or a challenge suggests it; `guess`: nothing answered, OpenAPI assumed */
  confidence: 'certain' | 'likely' | 'guess'
  /** why, in a sentence an operator reads */
  reason: string
}

const PROBE_TIMEOUT_MS = 10_000
const PROBE_BYTES = 256 * 1024

/** Text declaring an OpenAPI or Swagger version in its first 64 KiB. */
export function declaresOpenApi(text: string): boolean {
  return /["']?(?:openapi|swagger)["']?\s*:/.test(text.slice(0, 64 * 1024))
}

/** GraphQL introspection JSON (`{"__schema": …}`, bare or under `data`). */
export function isGraphQlIntrospection(text: string): boolean {
  return /"__schema"\s*:/.test(text.slice(0, 64 * 1024))
}

/** GraphQL SDL: a type system definition near the start, and a Query or Mutation type somewhere. */
export function isGraphQlSdl(text: string): boolean {
  const head = text.slice(0, 64 * 1024)
  return /^\s*(?:schema|type|extend\s+type|interface|union|enum|input|scalar|directive)\s+[A-Za-z_@{]/m.test(head) && /\btype\s+(?:Query|Mutation)\b/.test(text)
}

/** A pasted document: GraphQL introspection or SDL, else OpenAPI. */
export function detectDocument(text: string): Detection {
  if (declaresOpenApi(text)) return { kind: 'openapi', confidence: 'certain', reason: 'It declares an OpenAPI or Swagger version.' }
  if (isGraphQlIntrospection(text)) return { kind: 'graphql', confidence: 'certain', reason: 'It is GraphQL introspection JSON.' }
  if (isGraphQlSdl(text)) return { kind: 'graphql', confidence: 'certain', reason: 'It is a GraphQL schema (SDL).' }
  return { kind: 'openapi', confidence: 'guess', reason: 'It is neither GraphQL nor MCP; read as an OpenAPI description.' }
}

/** A URL: probed as an OpenAPI document (GET), a GraphQL endpoint (a `{ __typename }` query) and an MCP server (initialize). */
export async function detectUrl(fetch: GuardedFetch, url: string): Promise<Detection> {
  const path = new URL(url).pathname.toLowerCase()
  const get = await probe(fetch, url, { method: 'GET', headers: { accept: 'application/json, application/yaml, text/yaml, */*;q=0.5' } })
  if (get.ok && declaresOpenApi(get.text)) {
    return { kind: 'openapi', confidence: 'certain', reason: 'It serves an OpenAPI description.' }
  }
  const graphql = await probe(fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  })
  if (/"__typename"\s*:/.test(graphql.text) || /"errors"\s*:\s*\[/.test(graphql.text) && /graphql/i.test(graphql.contentType + path)) {
    return { kind: 'graphql', confidence: 'certain', reason: 'It answered a GraphQL query.' }
  }
  const mcp = await probe(fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'executor-detect', version: '1' } },
    }),
  })
  if (/"jsonrpc"\s*:\s*"2\.0"/.test(mcp.text) && /"(?:serverInfo|protocolVersion)"/.test(mcp.text)) {
    return { kind: 'mcp', confidence: 'certain', reason: 'It answered an MCP initialize request.' }
  }
  if (mcp.status === 401 && /resource_metadata/i.test(mcp.challenge)) {
    return { kind: 'mcp', confidence: 'likely', reason: 'It asks for OAuth authorization the way MCP servers do; add it, then connect.' }
  }
  if (get.contentType.startsWith('text/event-stream') || /\/(?:sse|mcp)\/?$/.test(path)) {
    return { kind: 'mcp', confidence: 'likely', reason: 'Its address looks like an MCP endpoint.' }
  }
  if (/graphql/.test(path)) return { kind: 'graphql', confidence: 'likely', reason: 'Its address looks like a GraphQL endpoint.' }
  if (get.ok && /^\s*[{]|^\s*\w+:/.test(get.text)) {
    return { kind: 'openapi', confidence: 'guess', reason: 'It serves a document that does not say what it is; read as OpenAPI.' }
  }
  if (get.error) throw new AppError('BAD_REQUEST', get.error)
  return { kind: 'openapi', confidence: 'guess', reason: `It answered HTTP ${get.status} and no probe recognised it; read as OpenAPI.` }
}

type ProbeResult = { ok: boolean; status: number; contentType: string; challenge: string; text: string; error?: string }

async function probe(fetch: GuardedFetch, url: string, init: RequestInit): Promise<ProbeResult> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    const text = await readStart(response)
    return {
      ok: response.ok,
      status: response.status,
      contentType: (response.headers.get('content-type') ?? '').toLowerCase(),
      challenge: response.headers.get('www-authenticate') ?? '',
      text,
    }
  } catch (error) {
    const message =
      error instanceof NetworkGuardError
        ? `Executor's network guard refused ${error.host ?? new URL(url).host}: ${error.message}`
        : `Could not reach ${new URL(url).host}`
    return { ok: false, status: 0, contentType: '', challenge: '', text: '', error: message }
  }
}

/** The first PROBE_BYTES of the body as text (an event stream is read only that far, then dropped). */
async function readStart(response: Response): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length < PROBE_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      // One event of a stream is enough to tell.
      if (/^data:/m.test(text) && text.includes('\n\n')) break
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return text
}
