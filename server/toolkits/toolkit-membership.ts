// Which tools a toolkit holds. A tool is in a toolkit when one of the names a call to it goes by
// matches one of its patterns: the short name `<integration>.<tool>`, the full name
// `<integration>.<org|me>.<connection>.<tool>` of a connection the caller may use, or a
// built-in's own name `executor.<tool>`. executor.search and executor.describe are in every
// toolkit: programs find tools with them, and they answer only with the toolkit's tools.
import type { CatalogEntry } from '../catalog/tool-catalog'
import { compilePattern } from '../policies/policy-pattern'

export type ToolkitMatcher = (name: string) => boolean

/** Built-ins every toolkit holds (they are scoped themselves). */
export const ALWAYS_IN_TOOLKIT = new Set(['executor.search', 'executor.describe'])

export function toolkitMatcher(patterns: readonly string[]): ToolkitMatcher {
  const compiled = patterns.map(compilePattern)
  return (name) => ALWAYS_IN_TOOLKIT.has(name) || compiled.some((pattern) => pattern.test(name))
}

/**
 * The path to call `entry` by from inside the toolkit, or undefined when it is not in it. The
 * short alias (or the first connection's full path when several) when the short name matches,
 * else the full path of the first connection whose full name matches.
 */
export function pathInToolkit(matches: ToolkitMatcher, entry: CatalogEntry): string | undefined {
  const short = `${entry.slug}.${entry.toolPath}`
  if (entry.builtin) return matches(short) ? short : undefined
  const [first] = entry.connections
  if (matches(short)) return entry.connections.length > 1 && first ? `${entry.slug}.${first}.${entry.toolPath}` : short
  const address = entry.connections.find((candidate) => matches(`${entry.slug}.${candidate}.${entry.toolPath}`))
  return address ? `${entry.slug}.${address}.${entry.toolPath}` : undefined
}

/**
 * Reads a callable path (`slug.tool` or `slug.org.main.tool`) back into its integration, connection
 * and tool path, given the addresses the caller may use for that integration.
 */
export function splitCallablePath(path: string, addressesOf: (slug: string) => string[] | undefined): CatalogEntry | undefined {
  const segments = path.replace(/^tools\./, '').split('.')
  const [slug, owner, name] = segments
  if (!slug || segments.length < 2) return undefined
  if (slug === 'executor') return { slug, toolPath: segments.slice(1).join('.'), connections: [], builtin: true }
  const addresses = addressesOf(slug) ?? []
  const named = owner !== undefined && name !== undefined && segments.length >= 4 ? `${owner}.${name}` : undefined
  if (named && addresses.includes(named)) return { slug, toolPath: segments.slice(3).join('.'), connections: [named], builtin: false }
  return { slug, toolPath: segments.slice(1).join('.'), connections: addresses, builtin: false }
}
