// Tool paths `<group>.<operation>`, each segment ^[A-Za-z0-9_]+$. Names must not change between
// imports of the same document, so collisions are settled over operations sorted by path and
// method, not by where the document happens to list them.
import type { HttpMethod } from './operation'

export const methodOrder: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** `pets/list all-v2` → `petsListAllV2`; `2fa` → `_2fa`; nothing usable → ''. */
export function camelSegment(text: string): string {
  const words = text.split(/[^A-Za-z0-9_]+/).filter((word) => word !== '')
  const joined = words
    .map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1))
    .join('')
  return /^[0-9]/.test(joined) ? `_${joined}` : joined
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `get` + `/pets/{petId}` → `getPetsByPetId`. */
export function nameFromMethodAndPath(method: HttpMethod, path: string): string {
  const parts = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const template = /^\{(.+)\}$/.exec(segment)
      return template ? `By${capitalize(camelSegment(template[1] ?? '').replace(/^_/, ''))}` : capitalize(camelSegment(segment).replace(/^_/, ''))
    })
  return camelSegment(method + parts.join(''))
}

export function groupName(tags: string[], path: string): string {
  const fromTag = camelSegment(tags[0] ?? '')
  if (fromTag !== '') return fromTag
  const literal = path.split('/').find((segment) => segment !== '' && !segment.includes('{'))
  return (literal && camelSegment(literal)) || 'root'
}

/**
 * The operation's name: its operationId camel-cased, without a leading `<group>/` or `<group>.`
 * that would only repeat the group (GitHub's `issues/create` in group `issues` is `create`, so the
 * tool is `issues.create`); else method + path.
 */
export function operationName(operationId: string | undefined, method: HttpMethod, path: string, group?: string): string {
  let id = operationId ?? ''
  const prefix = /^([^/.]+)[/.](.+)$/.exec(id)
  if (group && prefix && camelSegment(prefix[1] ?? '').toLowerCase() === group.toLowerCase()) id = prefix[2] ?? id
  const fromId = id ? camelSegment(id) : ''
  return fromId || nameFromMethodAndPath(method, path) || method
}

export type NamedOperation = { method: HttpMethod; path: string; group: string; operation: string }

/** Unique tool paths: the first (by path, then method) keeps its name, later ones get `_2`, `_3`… */
export function assignToolPaths(operations: NamedOperation[]): Map<NamedOperation, string> {
  const sorted = [...operations].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method),
  )
  const taken = new Set<string>()
  const result = new Map<NamedOperation, string>()
  for (const op of sorted) {
    const base = `${op.group}.${op.operation}`
    let candidate = base
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`
    taken.add(candidate)
    result.set(op, candidate)
  }
  return result
}
