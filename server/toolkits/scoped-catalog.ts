// The catalog as seen from a toolkit's MCP URL: search, describe and the integration list hold only
// the toolkit's tools, executor.search/describe inside programs answer the same way, and a call to
// a tool outside it is refused (ToolBlocked, naming the toolkit) before anything is looked up
// upstream or any credential is opened. Everything else is the wrapped catalog's one path: the
// dispatcher, its policy gate, credentials and history.
import type { Principal } from '../auth/principal'
import type { ToolContext } from '../catalog/catalog'
import type { CatalogEntry, IntegrationListing, ToolCatalog, ToolGate } from '../catalog/tool-catalog'
import { ToolRefusal } from '../sandbox/outcome'
import { pathInToolkit, splitCallablePath, toolkitMatcher } from './toolkit-membership'

export type ToolkitScope = { slug: string; patterns: readonly string[] }

/** Search asks the whole catalog for this many hits and keeps the toolkit's. */
const SEARCH_OVERFETCH = 200

/** `toolkit` is read on every use, so a toolkit changed by an admin applies at once. */
export function scopedCatalog(catalog: ToolCatalog, toolkit: () => ToolkitScope): ToolCatalog {
  const matcher = () => toolkitMatcher(toolkit().patterns)
  const outside = (path: string) =>
    new ToolRefusal('ToolBlocked', `tools.${path} is not in the toolkit "${toolkit().slug}"; search lists the tools this toolkit holds`)

  const addressBook = async (principal: Principal) => {
    const listed = await catalog.integrations(principal)
    const bySlug = new Map(listed.map((i) => [i.slug, i.connections]))
    return (slug: string) => bySlug.get(slug)
  }

  /** The path `path` is called by inside the toolkit, or undefined when it names a tool outside it. */
  const inScope = (entry: CatalogEntry | undefined) => (entry ? pathInToolkit(matcher(), entry) : undefined)

  const scoped: ToolCatalog = {
    async search(principal, query, limit = 20) {
      const [hits, addresses] = await Promise.all([catalog.search(principal, query, Math.max(limit, SEARCH_OVERFETCH)), addressBook(principal)])
      const kept = hits.flatMap((hit) => {
        const entry = splitCallablePath(hit.path, addresses)
        const path = inScope(entry)
        if (!path || !entry) return []
        const matches = matcher()
        const connections = hit.connections?.filter((address) => matches(`${entry.slug}.${entry.toolPath}`) || matches(`${entry.slug}.${address}.${entry.toolPath}`))
        const { connections: _all, ...rest } = hit
        return [{ ...rest, path, ...(connections && connections.length > 1 ? { connections } : {}) }]
      })
      return kept.slice(0, limit)
    },

    async describe(principal, path) {
      const addresses = await addressBook(principal)
      const entry = splitCallablePath(path, addresses)
      if (!entry || !inScope(entry)) return undefined
      const described = await catalog.describe(principal, path)
      if (!described) return undefined
      const inside = inScope(splitCallablePath(described.path, addresses))
      return inside ? { ...described, path: inside } : undefined
    },

    async integrations(principal) {
      const [listed, entries] = await Promise.all([catalog.integrations(principal), scoped.entries(principal)])
      const counts = new Map<string, number>()
      for (const entry of entries) if (!entry.builtin) counts.set(entry.slug, (counts.get(entry.slug) ?? 0) + 1)
      return listed.flatMap((i): IntegrationListing[] => {
        const toolCount = counts.get(i.slug) ?? 0
        return toolCount > 0 ? [{ ...i, toolCount }] : []
      })
    },

    async entries(principal) {
      const matches = matcher()
      return (await catalog.entries(principal)).filter((entry) => pathInToolkit(matches, entry) !== undefined)
    },

    schemas: (entries) => catalog.schemas(entries),

    dispatcher(principal, options = {}) {
      const builtinContext: ToolContext = {
        search: (query, limit) => scoped.search(principal, query, limit),
        describe: (path) => scoped.describe(principal, path),
      }
      // Checked with the names the call really goes by, once its connection is known.
      const gate: ToolGate = async (call) => {
        const matches = matcher()
        if (!call.names.some(matches)) throw outside(call.path)
        await options.gate?.(call)
      }
      const inner = catalog.dispatcher(principal, { ...options, gate, builtinContext })
      let addresses: Promise<(slug: string) => string[] | undefined> | undefined
      return async (path, args, context) => {
        // Refused before the inner dispatcher when no name the path could go by is in the toolkit,
        // so a tool outside it is never looked for upstream (an MCP integration re-lists its tools
        // on an unknown name).
        const dotted = path.join('.')
        const entry = splitCallablePath(dotted, await (addresses ??= addressBook(principal)))
        if (!entry || !couldMatch(entry)) throw outside(dotted)
        return inner(path, args, context)
      }
    },
  }

  const couldMatch = (entry: CatalogEntry) => {
    const matches = matcher()
    const short = `${entry.slug}.${entry.toolPath}`
    return matches(short) || entry.connections.some((address) => matches(`${entry.slug}.${address}.${entry.toolPath}`))
  }

  return scoped
}
