// What a principal can call: integrations with at least one connection they may use, and how
// each of their tools is addressed. A tool is `tools.<integration>.<org|me>.<connection>.<tool>`;
// when exactly one connection is usable the short alias `tools.<integration>.<tool>` works too.
// Search answers paths that can be called as they are: the alias when one connection is usable,
// else the first connection's full path with the others listed.
import { asc, eq, inArray } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { connection, integration } from '~/db/schema'
import type { Principal } from '../auth/principal'
import { connectionAddress, visibleTo, type ConnectionRow } from '../connections/connections'
import type { IntegrationRow } from '../integrations/integrations'

export type CallableIntegration = {
  row: Pick<IntegrationRow, 'id' | 'slug' | 'kind' | 'name' | 'description' | 'baseUrl' | 'details' | 'toolCount' | 'status' | 'refreshedAt'>
  /** usable connections, org ones first, by name */
  connections: ConnectionRow[]
}

const integrationColumns = {
  id: integration.id,
  slug: integration.slug,
  kind: integration.kind,
  name: integration.name,
  description: integration.description,
  baseUrl: integration.baseUrl,
  details: integration.details,
  toolCount: integration.toolCount,
  status: integration.status,
  refreshedAt: integration.refreshedAt,
}

/** Every integration, each with the connections `principal` may use (possibly none). */
export async function integrationsFor(db: Database, principal: Principal): Promise<CallableIntegration[]> {
  const [rows, connections] = await Promise.all([
    db.select(integrationColumns).from(integration).orderBy(asc(integration.slug)),
    db.select().from(connection).where(visibleTo(principal)).orderBy(asc(connection.scope), asc(connection.name)),
  ])
  return rows.map((row) => ({ row, connections: connections.filter((c) => c.integrationId === row.id) }))
}

/** One integration by slug with the connections `principal` may use, or undefined. */
export async function integrationFor(db: Database, principal: Principal, slug: string): Promise<CallableIntegration | undefined> {
  const [row] = await db.select(integrationColumns).from(integration).where(eq(integration.slug, slug)).limit(1)
  if (!row) return undefined
  const connections = await db
    .select()
    .from(connection)
    .where(inArray(connection.integrationId, [row.id]))
    .orderBy(asc(connection.scope), asc(connection.name))
  const mine = connections.filter((c) => c.ownerId === '' || c.ownerId === principal.userId)
  return { row, connections: mine }
}

/** The path to call `toolPath` of `target` as is (see the module comment). */
export function callablePath(target: CallableIntegration, toolPath: string): string {
  const [first] = target.connections
  if (target.connections.length === 1 || !first) return `${target.row.slug}.${toolPath}`
  return `${target.row.slug}.${connectionAddress(first)}.${toolPath}`
}

export type ResolvedCall = {
  target: CallableIntegration
  connection: ConnectionRow
  /** the tool's path inside the integration */
  toolPath: string
}

/**
 * The connection and tool a `tools.<path>` call names, or an Error whose message tells the agent
 * what to call instead. `path[0]` is the integration's slug.
 */
export function resolveConnection(target: CallableIntegration, path: string[]): ResolvedCall | Error {
  const slug = target.row.slug
  const [, owner, name] = path
  if ((owner === 'org' || owner === 'me') && name !== undefined && path.length >= 4) {
    const scope = owner === 'org' ? 'org' : 'user'
    const named = target.connections.find((c) => c.scope === scope && c.name === name)
    if (named) return { target, connection: named, toolPath: path.slice(3).join('.') }
  }
  const toolPath = path.slice(1).join('.')
  if (target.connections.length === 1 && target.connections[0]) {
    return { target, connection: target.connections[0], toolPath }
  }
  if (target.connections.length === 0) {
    return new Error(
      `tools.${slug} has no connection you can use: an admin adds a shared one, or you add your own, on the integration's page in the Executor console`,
    )
  }
  const addresses = target.connections.map(connectionAddress)
  const example = `tools.${slug}.${addresses[0]}.${toolPath}`
  return new Error(
    `tools.${slug} has ${addresses.length} connections you can use (${addresses.join(', ')}); name one, e.g. ${example}(…)`,
  )
}
