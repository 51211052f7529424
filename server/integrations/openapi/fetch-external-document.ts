// One file an external `$ref` points to, fetched through the network guard. Only the origin the
// description itself came from is ever asked (dereference-document.ts checks that before calling
// here), redirects included: a description cannot make the server fetch from anywhere else.
import type { GuardedFetch } from '~/server/net/guarded-fetch'
import { readCapped as readCappedBody } from '~/server/http/read-capped'
import { parseText } from './parse-document'

/** Caps on what a description's external `$ref`s may pull in, across all its files. */
export const EXTERNAL_REF_LIMITS = { files: 100, bytes: 50 * 1024 * 1024 }

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/** Why a file could not be used; becomes a warning, the `$ref`s to it placeholders. */
export class ExternalDocumentError extends Error {}

async function readCapped(response: Response, maxBytes: number, url: URL): Promise<{ text: string; bytes: number }> {
  const all = await readCappedBody(response.body, response.headers.get('content-length'), maxBytes, () => {
    return new ExternalDocumentError(`${url.href} is over the ${maxBytes} bytes left for external files`)
  })
  return { text: new TextDecoder().decode(all), bytes: all.byteLength }
}

/** GETs `url` (same-origin redirects followed) and parses it as JSON or YAML; `url` in the result is where it was found. */
export async function fetchExternalDocument(
  url: URL,
  fetch: GuardedFetch,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<{ document: object; bytes: number; url: URL }> {
  let target = url
  for (let hop = 0; ; hop++) {
    const response = await fetch(target, {
      signal,
      redirect: 'manual',
      headers: { accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.1' },
    })
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null
    if (location !== null) {
      await response.body?.cancel()
      const next = new URL(location, target)
      if (next.origin !== url.origin) throw new ExternalDocumentError(`${target.href} redirects to another origin (${next.origin}); not followed`)
      if (hop >= MAX_REDIRECTS) throw new ExternalDocumentError(`${url.href} redirects more than ${MAX_REDIRECTS} times`)
      target = next
      continue
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new ExternalDocumentError(`${target.href} answered HTTP ${response.status}`)
    }
    const { text, bytes } = await readCapped(response, maxBytes, target)
    let document: unknown
    try {
      document = parseText(text)
    } catch (error) {
      throw new ExternalDocumentError(`${target.href}: ${(error as Error).message.replace('The OpenAPI description', 'the file')}`)
    }
    if (document === null || typeof document !== 'object') throw new ExternalDocumentError(`${target.href} is not a JSON or YAML object`)
    return { document, bytes, url: target }
  }
}
