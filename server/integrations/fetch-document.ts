// Fetching an API description from a URL an operator gave: through the network guard (the URL
// is as untrusted as any an agent names), capped in size and time, and every failure said in
// words an operator can act on.
import { AppError } from '../http/app-error'
import { readCapped } from '../http/read-capped'
import { NetworkGuardError } from '../net/guard-error'
import type { GuardedFetch } from '../net/guarded-fetch'

/** The largest description Executor reads, fetched or pasted. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
/** A description server slower than this is given up on. */
export const DOCUMENT_FETCH_TIMEOUT_MS = 60_000

export type FetchedDocument = { text: string; contentType: string; url: string }

export async function fetchDocument(fetch: GuardedFetch, url: string, signal?: AbortSignal): Promise<FetchedDocument> {
  const timeout = AbortSignal.timeout(DOCUMENT_FETCH_TIMEOUT_MS)
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
  const host = safeHost(url)
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml, application/x-yaml, text/yaml, text/plain;q=0.9, */*;q=0.8' },
      signal: combined,
    })
  } catch (error) {
    if (error instanceof NetworkGuardError) throw new AppError('BAD_REQUEST', `Executor's network guard refused ${error.host ?? host}: ${error.message}`)
    if (timeout.aborted) throw new AppError('BAD_REQUEST', `${host} did not send the description within ${DOCUMENT_FETCH_TIMEOUT_MS / 1000} s`)
    throw new AppError('BAD_REQUEST', `Could not fetch the description from ${host}: ${reasonOf(error)}`)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    const hint =
      response.status === 405 || response.status === 406
        ? ' (a GraphQL or MCP endpoint answers a plain GET like this; link the OpenAPI JSON or YAML file instead)'
        : response.status === 401 || response.status === 403
          ? ' (the description itself needs a credential; download it and paste it instead)'
          : ''
    throw new AppError('BAD_REQUEST', `Fetching the description from ${host} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${hint}`)
  }
  const contentType = response.headers.get('content-type') ?? ''
  if (/^text\/event-stream/i.test(contentType)) {
    await response.body?.cancel().catch(() => undefined)
    throw new AppError('BAD_REQUEST', `${host} answered with an event stream: that looks like a remote MCP server, not an API description; MCP integrations are not supported yet`)
  }
  const bytes = await readCapped(response.body, response.headers.get('content-length'), MAX_DOCUMENT_BYTES, () => tooLarge(host))
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AppError('BAD_REQUEST', `The document at ${host} is not UTF-8 text`)
  }
  if (/^\s*</.test(text) && /html/i.test(contentType + text.slice(0, 200))) {
    throw new AppError('BAD_REQUEST', `${url} answered an HTML page, not an API description: link the raw JSON or YAML file`)
  }
  return { text, contentType, url: response.url || url }
}

const tooLarge = (host: string) => new AppError('BAD_REQUEST', `The description at ${host} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`)

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'that URL'
  }
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
  return cause ?? (error instanceof Error ? error.message : 'the request failed')
}
