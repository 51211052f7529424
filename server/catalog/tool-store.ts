// Integrations' tools in the database: the `tool` rows and their `tool_search` rows.
//
// An import replaces an integration's whole tool set in one batch (one transaction on libSQL
// and on D1), so readers see the old set or the new one, never a mix, and a failed replace
// keeps the old set. Rows travel as JSON (~/db/json-rows), so 10,000 tools take a few statements.
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { chunkJsonRows } from '~/db/json-rows'
import { integration, tool } from '~/db/schema'
import { toolSearch } from '~/db/tool-search'
import { parameterWords, pathWords } from './search-words'

/** One tool's stored JSON may not pass this (it must fit one bound value on D1). */
export const MAX_TOOL_BYTES = 1_900_000

/** What an import hands over for each tool (an OpenAPI ToolDefinition is one). */
export type ToolInput = {
  /** dotted path inside the integration, each segment ^[A-Za-z0-9_]+$ */
  path: string
  title: string
  description: string
  inputSchema: unknown
  outputSchema: unknown
  annotations: unknown
  operation: unknown
}

export type StoredTool = ToolInput & {
  integrationId: string
  /** the full path agents call: `<integration slug>.<path>` */
  fullPath: string
  /** its TypeScript declaration, once generated */
  declaration: string | null
}

export type ToolListItem = { fullPath: string; path: string; title: string; description: string; annotations: unknown }
export type ToolPage = { tools: ToolListItem[]; nextCursor: string | null }

const SEGMENT = /^[A-Za-z0-9_]+$/

/**
 * Replaces every tool of `owner` with `tools` and sets its tool count, refresh time and status
 * `ready`, all in one batch. Throws (and changes nothing) on an invalid path, an oversized tool,
 * or any database error, e.g. two tools with one path.
 */
export async function replaceTools(
  db: Database,
  owner: { id: string; slug: string },
  tools: ToolInput[],
  now: Date = new Date(),
): Promise<void> {
  for (const t of tools) {
    if (!t.path.split('.').every((segment) => SEGMENT.test(segment))) {
      throw new Error(`tool path ${JSON.stringify(t.path)} must be dot-separated segments of letters, digits and _`)
    }
  }
  const toolRows = chunkRows(
    tools.map((t) => [
      t.path,
      t.title,
      t.description,
      // The columns hold JSON text: each value travels as that text, a string element.
      JSON.stringify(t.inputSchema ?? {}),
      JSON.stringify(t.outputSchema ?? {}),
      JSON.stringify(t.annotations ?? {}),
      JSON.stringify(t.operation ?? {}),
    ]),
    tools,
  )
  const searchRows = chunkRows(
    tools.map((t) => [t.path, pathWords(`${owner.slug}.${t.path}`), t.title, t.description, parameterWords(t.inputSchema)]),
    tools,
  )
  await db.batch([
    db.delete(tool).where(eq(tool.integrationId, owner.id)),
    db.delete(toolSearch).where(eq(toolSearch.integrationId, owner.id)),
    ...toolRows.map((rows) =>
      db.insert(tool).select(
        sql`select ${owner.id}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
          json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), null
        from json_each(${rows})`,
      ),
    ),
    ...searchRows.map((rows) =>
      db.insert(toolSearch).select(
        sql`select ${owner.id}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
          json_extract(value, '$[3]'), json_extract(value, '$[4]')
        from json_each(${rows})`,
      ),
    ),
    db
      .update(integration)
      .set({
        toolCount: sql`(select count(*) from ${tool} where ${tool.integrationId} = ${owner.id})`,
        status: 'ready',
        statusMessage: null,
        refreshedAt: now,
        updatedAt: now,
      })
      .where(eq(integration.id, owner.id)),
  ])
}

/** A tool by its full path `<integration slug>.<path>`, or undefined. */
export async function getTool(db: Database, fullPath: string): Promise<StoredTool | undefined> {
  const dot = fullPath.indexOf('.')
  if (dot <= 0) return undefined
  const slug = fullPath.slice(0, dot)
  const path = fullPath.slice(dot + 1)
  const [row] = await db
    .select({ tool, slug: integration.slug })
    .from(tool)
    .innerJoin(integration, eq(integration.id, tool.integrationId))
    .where(and(eq(integration.slug, slug), eq(tool.path, path)))
    .limit(1)
  if (!row) return undefined
  const { integrationId, title, description, inputSchema, outputSchema, annotations, operation, declaration } = row.tool
  return { integrationId, fullPath, path, title, description, inputSchema, outputSchema, annotations, operation, declaration }
}

/**
 * One page of an integration's tools in path order, without their schemas. `cursor` is the
 * `nextCursor` of the page before (the last path it held); null when there is no next page.
 */
export async function listTools(
  db: Database,
  integrationId: string,
  { limit = 100, cursor }: { limit?: number; cursor?: string | null } = {},
): Promise<ToolPage> {
  const size = Math.min(Math.max(Math.trunc(limit), 1), 1_000)
  const rows = await db
    .select({ slug: integration.slug, path: tool.path, title: tool.title, description: tool.description, annotations: tool.annotations })
    .from(tool)
    .innerJoin(integration, eq(integration.id, tool.integrationId))
    .where(and(eq(tool.integrationId, integrationId), cursor ? gt(tool.path, cursor) : undefined))
    .orderBy(asc(tool.path))
    .limit(size + 1)
  const page = rows.slice(0, size)
  return {
    tools: page.map(({ slug, ...rest }) => ({ fullPath: `${slug}.${rest.path}`, ...rest })),
    nextCursor: rows.length > size ? (page.at(-1)?.path ?? null) : null,
  }
}

/** Rows as JSON chunks (~/db/json-rows); a tool over MAX_TOOL_BYTES is refused. */
export function chunkRows(rows: unknown[][], tools: { path: string }[] = []): string[] {
  return chunkJsonRows(rows, { maxRowBytes: MAX_TOOL_BYTES, describeRow: (i) => `tool ${tools[i]?.path ?? i}` })
}
