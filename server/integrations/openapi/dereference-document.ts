// Resolves the description's local `$ref`s in place. json-schema-ref-parser does the work and keeps
// cycles as shared objects (finite-schema.ts cuts them); a pass before it swaps each `$ref` it
// must not follow (another document, or a pointer to nothing) for a placeholder and a warning, so
// the library never fetches and one bad pointer does not stop the whole import.
import { dereference } from '@apidevtools/json-schema-ref-parser'
import { AppError } from '~/server/http/app-error'
import type { OpenApiObject } from './parse-document'

/** The component name each dereferenced object came from (`Pet` for `#/components/schemas/Pet`). */
export type ReferenceNames = WeakMap<object, string>

function unescapeSegment(segment: string): string {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // not percent-encoded: use it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~')
}

function pointerExists(doc: OpenApiObject, ref: string): boolean {
  if (ref === '#') return true
  if (!ref.startsWith('#/')) return false
  let node: unknown = doc
  for (const segment of ref.slice(2).split('/').map(unescapeSegment)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false
    node = (node as Record<string, unknown>)[segment]
  }
  return true
}

function placeholderFor(ref: string, doc: OpenApiObject, warned: Set<string>, warnings: string[]): object | undefined {
  if (ref.startsWith('#')) {
    if (pointerExists(doc, ref)) return undefined
    if (!warned.has(ref)) warnings.push(`$ref ${ref} points to nothing in the description; left as an empty schema`)
    warned.add(ref)
    return { description: `unresolved reference: ${ref}` }
  }
  if (!warned.has(ref)) warnings.push(`external $ref ${ref} was not fetched; left as an empty schema`)
  warned.add(ref)
  return { description: `external reference not fetched: ${ref}` }
}

/** Replaces every `$ref` that cannot be resolved locally, walking without recursion (deep documents). */
function replaceUnresolvable(doc: OpenApiObject, warnings: string[]): void {
  const warned = new Set<string>()
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
      const placeholder = typeof ref === 'string' ? placeholderFor(ref, doc, warned, warnings) : undefined
      if (placeholder) node[key] = placeholder
      else stack.push(child)
    }
  }
}

/** Dereferences `doc` in place; returns where each shared object came from. */
export async function dereferenceDocument(doc: OpenApiObject, warnings: string[]): Promise<ReferenceNames> {
  replaceUnresolvable(doc, warnings)
  const names: ReferenceNames = new WeakMap()
  try {
    await dereference(doc, {
      mutateInputSchema: true,
      resolve: { external: false },
      dereference: {
        circular: true,
        onDereference: (path, value) => {
          if (value && typeof value === 'object' && !names.has(value)) {
            names.set(value, unescapeSegment(path.slice(path.lastIndexOf('/') + 1)))
          }
        },
      },
    })
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The OpenAPI description's $refs could not be resolved: ${(error as Error).message}`)
  }
  return names
}
