// Resolves the description's `$ref`s in place. json-schema-ref-parser does the work and keeps
// cycles as shared objects (finite-schema.ts cuts them). A pass before it decides every `$ref`:
// one into this file or another file on the description's own origin is kept (the files are
// fetched here, through the network guard, within EXTERNAL_REF_LIMITS); anything else (another
// origin, no URL to resolve against, a pointer to nothing, a file that failed) is swapped for a
// placeholder and a warning, so the library never fetches and one bad pointer does not stop the
// whole import. The library then reads the fetched files from memory.
import { dereference, type ParserOptions } from '@apidevtools/json-schema-ref-parser'
import { AppError } from '~/server/http/app-error'
import type { GuardedFetch } from '~/server/net/guarded-fetch'
import { EXTERNAL_REF_LIMITS, ExternalDocumentError, fetchExternalDocument } from './fetch-external-document'
import type { OpenApiObject } from './parse-document'

/** The component name each dereferenced object came from (`Pet` for `#/components/schemas/Pet`). */
export type ReferenceNames = WeakMap<object, string>

export type ExternalRefOptions = {
  /** where the description came from: relative `$ref`s resolve against it */
  sourceUrl?: string
  /** fetches files on sourceUrl's origin; without it no `$ref` leaves the description */
  fetch?: GuardedFetch
  signal?: AbortSignal
  /** called after each fetched file with the number fetched so far */
  onFile?: (fetched: number) => void
}

function unescapeSegment(segment: string): string {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // not percent-encoded: use it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~')
}

function pointerExists(doc: object, pointer: string): boolean {
  if (pointer === '' || pointer === '#') return true
  if (!pointer.startsWith('#/')) return false
  let node: unknown = doc
  for (const segment of pointer.slice(2).split('/').map(unescapeSegment)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false
    node = (node as Record<string, unknown>)[segment]
  }
  return true
}

type Site = { holder: Record<string, unknown>; key: string; ref: string }

/** Every `$ref` in `doc` with the object holding it, walking without recursion (deep documents). */
function refSites(doc: object): Site[] {
  const sites: Site[] = []
  const seen = new Set<object>()
  const stack: object[] = [doc]
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>
    if (seen.has(node)) continue
    seen.add(node)
    for (const key of Object.keys(node)) {
      const child = node[key]
      if (child === null || typeof child !== 'object') continue
      const ref = (child as { $ref?: unknown }).$ref
      if (typeof ref === 'string') sites.push({ holder: node, key, ref })
      else stack.push(child)
    }
  }
  return sites
}

const withoutHash = (url: URL) => url.href.replace(/#.*$/, '')

/**
 * Fetches the same-origin files `doc` refers to (and those they refer to), rewrites each kept
 * external `$ref` to its absolute URL, and replaces every other `$ref` it cannot resolve.
 * Returns the fetched files by URL (without fragment).
 */
async function settleReferences(doc: OpenApiObject, options: ExternalRefOptions, warnings: string[]): Promise<Map<string, object>> {
  const warned = new Set<string>()
  const replace = (site: Site, description: string, warning: string) => {
    if (!warned.has(warning)) warnings.push(warning)
    warned.add(warning)
    site.holder[site.key] = { description }
  }
  let source: URL | undefined
  try {
    source = options.sourceUrl ? new URL(options.sourceUrl) : undefined
  } catch {
    warnings.push(`the description's URL ${options.sourceUrl} is not a URL; its relative $refs are not resolved`)
  }
  const files = new Map<string, object>()
  const failed = new Map<string, string>()
  let bytesLeft = EXTERNAL_REF_LIMITS.bytes
  let fetchedFiles = 0
  const pending: { url: URL | undefined; doc: object }[] = [{ url: source, doc }]
  if (source) files.set(withoutHash(source), doc)
  const local: { site: Site; doc: object; pointer: string; label: string }[] = []

  for (let next = pending.shift(); next; next = pending.shift()) {
    for (const site of refSites(next.doc)) {
      const { ref } = site
      const label = next.url && next.url !== source ? `${ref} (in ${next.url.href})` : ref
      if (ref.startsWith('#')) {
        local.push({ site, doc: next.doc, pointer: ref, label })
        continue
      }
      const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(ref)
      if (!next.url && !isAbsolute) {
        replace(site, `unresolved relative reference: ${ref}`, `$ref ${ref} is relative, but the description has no URL to resolve it against (it was pasted); left as an empty schema`)
        continue
      }
      let target: URL
      try {
        target = new URL(ref, next.url)
      } catch {
        replace(site, `invalid reference: ${ref}`, `$ref ${label} is not a valid URL; left as an empty schema`)
        continue
      }
      if (!source || !options.fetch) {
        replace(site, `external reference not fetched: ${ref}`, `external $ref ${label} was not fetched; left as an empty schema`)
        continue
      }
      if (target.origin !== source.origin) {
        replace(site, `external reference not fetched: ${ref}`, `external $ref ${label} is on another origin (${target.origin}) than the description; not fetched, left as an empty schema`)
        continue
      }
      const file = withoutHash(target)
      if (!files.has(file) && !failed.has(file)) {
        if (fetchedFiles >= EXTERNAL_REF_LIMITS.files) {
          failed.set(file, `the description already refers to ${EXTERNAL_REF_LIMITS.files} files, the most fetched for one import`)
        } else {
          try {
            const fetched = await fetchExternalDocument(new URL(file), options.fetch, bytesLeft, options.signal)
            bytesLeft -= fetched.bytes
            // After a redirect, the file's own relative $refs resolve against where it was found.
            const found = withoutHash(fetched.url)
            const known = files.get(found)
            files.set(file, known ?? fetched.document)
            if (!known) {
              files.set(found, fetched.document)
              pending.push({ url: fetched.url, doc: fetched.document })
            }
            options.onFile?.(++fetchedFiles)
          } catch (error) {
            if (options.signal?.aborted) throw options.signal.reason
            failed.set(file, error instanceof ExternalDocumentError ? error.message : `${file} could not be fetched: ${(error as Error).message}`)
          }
        }
      }
      const reason = failed.get(file)
      if (reason !== undefined) {
        replace(site, `external reference not fetched: ${ref}`, `external $ref ${label} was not fetched (${reason}); left as an empty schema`)
        continue
      }
      site.holder[site.key] = { ...(site.holder[site.key] as object), $ref: target.href }
      local.push({ site, doc: files.get(file) as object, pointer: target.hash || '#', label })
    }
  }

  for (const { site, doc: file, pointer, label } of local) {
    if (!pointerExists(file, pointer)) replace(site, `unresolved reference: ${site.ref}`, `$ref ${label} points to nothing in the description; left as an empty schema`)
  }
  return files
}

/** Dereferences `doc` in place, fetching same-origin files when `options` allow; returns where each shared object came from. */
export async function dereferenceDocument(doc: OpenApiObject, warnings: string[], options: ExternalRefOptions = {}): Promise<ReferenceNames> {
  const files = await settleReferences(doc, options, warnings)
  const names: ReferenceNames = new WeakMap()
  const root = options.sourceUrl && files.size > 1 ? withoutHash(new URL(options.sourceUrl)) : undefined
  try {
    const settings: ParserOptions = {
      mutateInputSchema: true,
      resolve: root
        ? {
            external: true,
            file: false,
            http: false,
            // Every file was fetched (and checked) above: the library only reads them back.
            fetched: { order: 1, canRead: (file: { url: string }) => files.has(file.url), read: (file: { url: string }) => files.get(file.url) },
          }
        : { external: false },
      parse: root ? { json: false, yaml: false, text: false, binary: false, fetched: { order: 1, canParse: true, parse: (file: { data: unknown }) => file.data } } : {},
      dereference: {
        circular: true,
        onDereference: (path: string, value: unknown) => {
          if (value && typeof value === 'object' && !names.has(value)) {
            names.set(value, unescapeSegment(path.slice(path.lastIndexOf('/') + 1)))
          }
        },
      },
    }
    if (root) await dereference(root, doc, settings)
    else await dereference(doc, settings)
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The OpenAPI description's $refs could not be resolved: ${(error as Error).message}`)
  }
  return names
}
