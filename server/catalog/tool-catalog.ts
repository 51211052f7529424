// The catalog as a principal sees it: Executor's built-in tools plus the tools of every
// integration they hold a usable connection for. Search and describe answer paths the caller
// can call as they are; the dispatcher turns a sandbox `tools.<path>(args)` call into an HTTP
// request with the connection's credential, opened here in the host at call time (the sandbox
// only ever sees arguments and redacted results).
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { integration, tool } from '~/db/schema'
import type { IntegrationKind } from '~/db/enums'
import type { Principal } from '../auth/principal'
import { connectionAddress, credentialForCall } from '../connections/connections'
import { noteCallRefusal } from '../connections/oauth/call-refusal'
import { effectiveBaseUrl } from '../integrations/integrations'
import type { Credential } from '../integrations/openapi/credentials'
import type { CallContext } from '../integrations/kinds/kind'
import { kindAdapter } from '../integrations/kinds/registry'
import { ToolCallError } from '../integrations/kinds/tool-call-error'
import type { GuardedFetch } from '../net/guarded-fetch'
import { errorFields, type Logger } from '../observability/logger'
import type { ToolDispatcher } from '../sandbox/outcome'
import type { SecretBox } from '../secrets/secret-box'
import { callablePath, integrationFor, integrationsFor, resolveConnection, type CallableIntegration } from './callable'
import type { Catalog, JsonSchema, ToolContext } from './catalog'
import { replaceTools } from './tool-store'
import { searchTools } from './tool-search'
import { declarationFor } from './tool-declarations'

export type ToolSummary = {
  /** call it as `tools.<path>(input)` */
  path: string
  description: string
  /** when several connections are usable: every address (`org.main`, `me.work`); `path` uses the first */
  connections?: string[]
}

export type ToolDescription = ToolSummary & {
  title?: string
  inputSchema: JsonSchema
  outputSchema?: JsonSchema
  annotations: Record<string, unknown>
  /** its TypeScript declaration with doc comments */
  declaration?: string
}

export type IntegrationListing = { slug: string; name: string; description: string; toolCount: number; connections: string[] }

/** One tool as `entries` lists it: enough to know every name a call to it goes by, no schemas. */
export type CatalogEntry = {
  /** the integration's slug, or `executor` for built-ins */
  slug: string
  /** the tool's path inside the integration (`issues.create`), or the built-in's name after `executor.` */
  toolPath: string
  /** addresses (`org.main`, `me.work`) of the connections the caller may use, org ones first */
  connections: string[]
  builtin: boolean
}

/** What a tool takes and gives, for listing it as a tool of its own (no declaration). */
export type ToolSchemas = Pick<ToolDescription, 'title' | 'description' | 'inputSchema' | 'outputSchema' | 'annotations'>

export type ToolCatalog = {
  search(principal: Principal, query: string, limit?: number): Promise<ToolSummary[]>
  describe(principal: Principal, path: string): Promise<ToolDescription | undefined>
  /** the integrations `principal` can see, with the connections they can use */
  integrations(principal: Principal): Promise<IntegrationListing[]>
  /** every tool `principal` can see: the built-ins and each integration's, by name only */
  entries(principal: Principal): Promise<CatalogEntry[]>
  /** the schemas of these entries, keyed `<slug>.<toolPath>`; read in one query per integration */
  schemas(entries: CatalogEntry[]): Promise<Map<string, ToolSchemas>>
  /**
   * routes one execution's tool calls, as `principal`; `gate` sees each call first (policies);
   * `builtinContext` is what executor.search/describe answer from (default: this catalog)
   */
  dispatcher(principal: Principal, options?: { gate?: ToolGate; builtinContext?: ToolContext }): ToolDispatcher
}

/** A call about to be made, once its tool is known. */
export type GatedCall = {
  seq: number
  /** as the program wrote it */
  path: string
  /** every name the call goes by: `github.org.main.issues.create` and `github.issues.create` */
  names: string[]
  tool: { kind: IntegrationKind | 'builtin'; annotations: unknown; operation: unknown }
  args: unknown
  signal: AbortSignal
}

/** Decides whether a call goes ahead: resolves to let it, rejects to refuse it, or waits (approval). */
export type ToolGate = (call: GatedCall) => Promise<void>

export type ToolCatalogDeps = {
  db: Database
  /** the built-in `executor.*` tools */
  builtins: Catalog
  log: Logger
  /** integrations' tools need these; without them the catalog holds the built-ins only */
  integrations?: {
    secrets: () => Promise<SecretBox>
    /** the clock OAuth 2 token expiry is judged by; Date.now when absent */
    now?: () => number
    fetch: GuardedFetch
    /** an upstream answer longer than this is cut (and marked truncated) */
    maxResponseBytes: number
  }
}

/** Upstream bodies above this are cut before they reach the sandbox (which has its own result cap). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024

export function createToolCatalog(deps: ToolCatalogDeps): ToolCatalog {
  const builtinContext = (principal: Principal): ToolContext => ({
    search: (query, limit) => catalog.search(principal, query, limit),
    describe: (path) => catalog.describe(principal, path),
  })

  const catalog: ToolCatalog = {
    async search(principal, query, limit = 20) {
      // Integrations' tools first: the built-ins are three, and found by their own words.
      const builtins = deps.builtins.search(query, limit)
      if (!deps.integrations) return builtins.slice(0, limit)
      const all = await integrationsFor(deps.db, principal)
      const targets = all.filter((t) => t.connections.length > 0)
      const bySlug = new Map(targets.map((t) => [t.row.slug, t]))
      // Narrowing costs a read of every matching row, so it is skipped when nothing would be left out.
      const everything = targets.length === all.filter((t) => t.row.toolCount > 0).length
      const hits = await searchTools(deps.db, query, { limit, integrationIds: everything ? undefined : targets.map((t) => t.row.id) })
      const found = hits.flatMap((hit): ToolSummary[] => {
        const slug = hit.path.slice(0, hit.path.indexOf('.'))
        const target = bySlug.get(slug)
        if (!target) return []
        const toolPath = hit.path.slice(slug.length + 1)
        const summary: ToolSummary = { path: callablePath(target, toolPath), description: oneLine(hit.title, hit.description) }
        if (target.connections.length > 1) summary.connections = target.connections.map(connectionAddress)
        return [summary]
      })
      return [...found, ...builtins].slice(0, limit)
    },

    async describe(principal, path) {
      const builtin = deps.builtins.describe(path)
      if (builtin) return { ...builtin, annotations: builtin.annotations ?? {} }
      if (!deps.integrations) return undefined
      const segments = path.replace(/^tools\./, '').split('.')
      const target = await integrationFor(deps.db, principal, segments[0] ?? '')
      if (!target) return undefined
      const found = await findTool(deps.db, target, segments)
      if (!found) return undefined
      const { row } = found
      const callable = target.connections.length > 0 ? path.replace(/^tools\./, '') : `${target.row.slug}.${row.path}`
      const description: ToolDescription = {
        path: callable,
        title: row.title,
        description: row.description,
        inputSchema: row.inputSchema as JsonSchema,
        outputSchema: row.outputSchema as JsonSchema,
        annotations: row.annotations as Record<string, unknown>,
      }
      if (target.connections.length > 1) description.connections = target.connections.map(connectionAddress)
      const declaration = await declarationFor(deps.db, target.row.slug, { integrationId: target.row.id, ...row }, callable).catch((error: unknown) => {
        deps.log.warn('tool declaration failed', { path: callable, ...errorFields(error) })
        return undefined
      })
      if (declaration) description.declaration = declaration
      return description
    },

    async integrations(principal) {
      if (!deps.integrations) return []
      const targets = await integrationsFor(deps.db, principal)
      return targets
        .filter((t) => t.row.toolCount > 0)
        .map((t) => ({
          slug: t.row.slug,
          name: t.row.name,
          description: t.row.description || (t.row.details as { description?: string } | null)?.description || '',
          toolCount: t.row.toolCount,
          connections: t.connections.map(connectionAddress),
        }))
    },

    async entries(principal) {
      const builtins = deps.builtins
        .search('', deps.builtins.size())
        .map((b): CatalogEntry => ({ slug: 'executor', toolPath: b.path.slice('executor.'.length), connections: [], builtin: true }))
      if (!deps.integrations) return builtins
      const targets = (await integrationsFor(deps.db, principal)).filter((t) => t.row.toolCount > 0)
      if (targets.length === 0) return builtins
      const byId = new Map(targets.map((t) => [t.row.id, { slug: t.row.slug, connections: t.connections.map(connectionAddress) }]))
      const ids = JSON.stringify([...byId.keys()])
      // One parameter whatever the count: D1 caps bound parameters per statement at 100.
      const rows = await deps.db
        .select({ integrationId: tool.integrationId, path: tool.path })
        .from(tool)
        .where(sql`${tool.integrationId} in (select value from json_each(${ids}))`)
        .orderBy(tool.integrationId, tool.path)
      const tools = rows.flatMap((row): CatalogEntry[] => {
        const target = byId.get(row.integrationId)
        return target ? [{ slug: target.slug, toolPath: row.path, connections: target.connections, builtin: false }] : []
      })
      return [...tools.sort((a, b) => a.slug.localeCompare(b.slug) || a.toolPath.localeCompare(b.toolPath)), ...builtins]
    },

    async schemas(entries) {
      const found = new Map<string, ToolSchemas>()
      const bySlug = new Map<string, string[]>()
      for (const entry of entries) {
        const key = `${entry.slug}.${entry.toolPath}`
        if (entry.builtin) {
          const builtin = deps.builtins.describe(key)
          if (builtin) found.set(key, { description: builtin.description, inputSchema: builtin.inputSchema, annotations: builtin.annotations ?? {} })
          continue
        }
        bySlug.set(entry.slug, [...(bySlug.get(entry.slug) ?? []), entry.toolPath])
      }
      for (const [slug, paths] of bySlug) {
        const rows = await deps.db
          .select({ path: tool.path, title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: tool.annotations })
          .from(tool)
          .innerJoin(integration, eq(integration.id, tool.integrationId))
          .where(and(eq(integration.slug, slug), sql`${tool.path} in (select value from json_each(${JSON.stringify(paths)}))`))
        for (const row of rows) {
          found.set(`${slug}.${row.path}`, {
            title: row.title,
            description: row.description,
            inputSchema: row.inputSchema as JsonSchema,
            outputSchema: row.outputSchema as JsonSchema,
            annotations: row.annotations as Record<string, unknown>,
          })
        }
      }
      return found
    },

    dispatcher(principal, options = {}) {
      const { gate } = options
      const context = options.builtinContext ?? builtinContext(principal)
      // One execution's calls share lookups: its integrations and connections, and each tool.
      const targets = new Map<string, Promise<CallableIntegration | undefined>>()
      const tools = new Map<string, Promise<StoredToolRow | undefined>>()
      const credentials = new Map<string, Promise<Credential>>()
      const refreshed = new Set<string>()
      return async (path, args, { signal, seq, annotate }) => {
        const dotted = path.join('.')
        const builtin = deps.builtins.get(dotted)
        if (builtin) {
          await gate?.({ seq, path: dotted, names: [dotted], tool: { kind: 'builtin', annotations: builtin.annotations ?? {}, operation: null }, args, signal })
          return builtin.run(args, context)
        }
        const integrations = deps.integrations
        const slug = path[0] ?? ''
        let targetLookup = targets.get(slug)
        if (!targetLookup) targets.set(slug, (targetLookup = integrations ? integrationFor(deps.db, principal, slug) : Promise.resolve(undefined)))
        const target = await targetLookup
        if (!target || !integrations) throw new Error(`Unknown tool tools.${dotted}; find tools with tools.executor.search({ query })`)
        const resolved = resolveConnection(target, path)
        if (resolved instanceof Error) throw resolved
        const key = `${target.row.id}\u0000${resolved.toolPath}`
        let toolLookup = tools.get(key)
        if (!toolLookup) tools.set(key, (toolLookup = readTool(deps.db, target.row.id, resolved.toolPath)))
        let row = await toolLookup
        const address = connectionAddress(resolved.connection)
        const openCredentialOnce = async (): Promise<Credential> => {
          try {
            let opening = credentials.get(resolved.connection.id)
            if (!opening) {
              const name = `${address} of ${target.row.slug}`
              opening = integrations.secrets().then((secrets) =>
                credentialForCall({ db: deps.db, secrets, fetch: integrations.fetch, now: integrations.now ?? Date.now }, resolved.connection, name),
              )
              credentials.set(resolved.connection.id, opening)
            }
            return await opening
          } catch (error) {
            credentials.delete(resolved.connection.id)
            // An OAuth 2 connection that cannot give a token says why, naming itself.
            if (error instanceof ToolCallError) throw error
            deps.log.error('connection secret could not be opened', { connectionId: resolved.connection.id, ...errorFields(error) })
            throw new Error(`The credential of connection ${address} of ${target.row.slug} could not be read; an admin should set it again`)
          }
        }
        const adapter = kindAdapter(target.row.kind)
        const callContext = (credential: Credential): CallContext => ({
          fetch: integrations.fetch,
          baseUrl: target.row.baseUrl,
          defaultBaseUrl: effectiveBaseUrl({ baseUrl: null, details: target.row.details }),
          credential,
          connectionName: `${target.row.slug} ${address}`,
          connectionId: resolved.connection.id,
          integrationId: target.row.id,
          integrationDetails: target.row.details,
          signal,
          maxResponseBytes: integrations.maxResponseBytes,
          annotate: (details) => annotate?.(details),
          toolsRefreshedAt: target.row.refreshedAt,
          replaceTools: (tools) => replaceTools(deps.db, { id: target.row.id, slug: target.row.slug }, tools),
          log: deps.log,
        })
        // A tool the stored list lacks may be new upstream (an MCP server adds tools): read the list
        // again once per execution and integration, then look again.
        if (!row && adapter.refresh && !refreshed.has(target.row.id)) {
          refreshed.add(target.row.id)
          await adapter.refresh(callContext(await openCredentialOnce()))
          row = await readTool(deps.db, target.row.id, resolved.toolPath)
          tools.set(key, Promise.resolve(row))
        }
        if (!row) {
          const [, owner, name] = path
          if ((owner === 'org' || owner === 'me') && name !== undefined && path.length >= 4) {
            const usable = target.connections.map(connectionAddress).join(', ') || 'none'
            throw new Error(`tools.${target.row.slug} has no connection ${owner}.${name} you can use (yours: ${usable})`)
          }
          throw new Error(`Unknown tool tools.${dotted}: ${target.row.slug} has no tool ${resolved.toolPath}; find tools with tools.executor.search({ query })`)
        }
        annotate?.({ integration: target.row.slug, connection: address })
        if (gate) {
          const names = [...new Set([`${target.row.slug}.${address}.${row.path}`, `${target.row.slug}.${row.path}`])]
          await gate({ seq, path: dotted, names, tool: { kind: target.row.kind, annotations: row.annotations, operation: row.operation }, args, signal })
        }
        const credential = await openCredentialOnce()
        try {
          return await adapter.call(row, args, callContext(credential))
        } catch (error) {
          const refusal = await integrations
            .secrets()
            .then((secrets) => noteCallRefusal({ db: deps.db, secrets, now: integrations.now ?? Date.now }, resolved.connection, error, `${address} of ${target.row.slug}`))
            .catch(() => undefined)
          if (refusal !== undefined || (error as { status?: unknown }).status === 401) credentials.delete(resolved.connection.id)
          if (refusal) throw refusal
          if (error instanceof ToolCallError) throw error
          deps.log.error('tool call failed', { path: dotted, ...errorFields(error) })
          throw new Error(`tools.${dotted} failed inside Executor; the server log has the details`)
        }
      }
    },
  }
  return catalog
}

type StoredToolRow = Pick<typeof tool.$inferSelect, 'path' | 'title' | 'description' | 'inputSchema' | 'outputSchema' | 'annotations' | 'operation' | 'declaration'>

async function readTool(db: Database, integrationId: string, toolPath: string): Promise<StoredToolRow | undefined> {
  const [row] = await db
    .select({
      path: tool.path,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
      operation: tool.operation,
      declaration: tool.declaration,
    })
    .from(tool)
    .where(and(eq(tool.integrationId, integrationId), eq(tool.path, toolPath)))
    .limit(1)
  return row
}

/** The tool a describe path names: full form, alias, or the plain `<slug>.<tool>` catalog path. */
async function findTool(db: Database, target: CallableIntegration, segments: string[]) {
  const resolved = resolveConnection(target, segments)
  const candidates = resolved instanceof Error ? [segments.slice(1).join('.')] : [resolved.toolPath, segments.slice(1).join('.')]
  for (const toolPath of new Set(candidates)) {
    const row = await readTool(db, target.row.id, toolPath)
    if (row) return { row }
  }
  return undefined
}

/** A hit's one line: the title, and the description's first sentence when it adds something. */
function oneLine(title: string, description: string): string {
  const first = description.split(/(?<=\.)\s|\n/)[0]?.trim() ?? ''
  const joiner = /[.!?:]$/.test(title) ? ' ' : ': '
  const text = first && first !== title && !title.includes(first) ? `${title}${joiner}${first}` : title
  return text.length > 200 ? `${text.slice(0, 197)}…` : text
}
