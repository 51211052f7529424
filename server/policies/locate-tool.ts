// What a tool path names, for testing it against the policy list: the names a call to it goes
// by and its default. A path the caller can call as typed resolves to its integration's tool,
// tested by its full name `<slug>.<org|me>.<connection>.<tool>` and short name `<slug>.<tool>`
// (a call matches a rule by either). Built-ins are tested by their own name. Anything else is
// tested as typed, allowed by default, saying that no such tool was found.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { tool } from '~/db/schema'
import type { Principal } from '../auth/principal'
import { builtinTools } from '../catalog/builtin-tools'
import { integrationFor, resolveConnection } from '../catalog/callable'
import { connectionAddress } from '../connections/connections'
import type { ToolDefault } from './decide-policy'
import { toolDefault, type ToolKind } from './tool-default'

export type LocatedTool = {
  /** the path as tested: trimmed, without a leading `tools.` */
  path: string
  names: string[]
  toolDefault: ToolDefault
  /** absent when the path names no integration and no built-in */
  tool?: { kind: ToolKind; found: boolean }
}

export async function locateTool(db: Database, principal: Principal, typed: string): Promise<LocatedTool> {
  const path = typed.trim().replace(/^tools\./, '')
  const segments = path.split('.')
  const [slug] = segments
  if (slug === 'executor') {
    const found = builtinTools.some((builtin) => builtin.path === path)
    return found
      ? { path, names: [path], toolDefault: toolDefault('builtin', { annotations: null, operation: null }), tool: { kind: 'builtin', found } }
      : { path, names: [path], toolDefault: notFound(path), tool: { kind: 'builtin', found } }
  }
  const target = slug ? await integrationFor(db, principal, slug) : undefined
  if (!target) return { path, names: [path], toolDefault: notFound(path) }
  const kind = target.row.kind
  const resolved = resolveConnection(target, segments)
  if (resolved instanceof Error) return { path, names: [path], toolDefault: notFound(path, resolved.message), tool: { kind, found: false } }
  const [row] = await db
    .select({ annotations: tool.annotations, operation: tool.operation })
    .from(tool)
    .where(and(eq(tool.integrationId, target.row.id), eq(tool.path, resolved.toolPath)))
    .limit(1)
  if (!row) return { path, names: [path], toolDefault: notFound(path, `${target.row.slug} has no tool ${resolved.toolPath}`), tool: { kind, found: false } }
  const names = [`${target.row.slug}.${connectionAddress(resolved.connection)}.${resolved.toolPath}`, `${target.row.slug}.${resolved.toolPath}`]
  return { path, names, toolDefault: toolDefault(kind, row), tool: { kind, found: true } }
}

function notFound(path: string, why?: string): ToolDefault {
  return {
    action: 'allow',
    reason: `No tool you can call was found at "${path}"${why ? ` (${why})` : ''}; no rule matches the path as typed, so it would be allowed`,
  }
}
