// Integrations' tools in the database: the `tool` rows and their `tool_search` rows.
//
// An import replaces an integration's whole tool set: staged in `tool_staging` a few chunks at a
// time, then moved by one batch (one transaction on libSQL and on D1), so readers see the old set
// or the new one, never a mix, and a failed replace keeps the old set. Rows travel as JSON
// (~/db/json-rows), so 10,000 tools take a few dozen statements.
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { chunkJsonRows, JSON_ROWS_CHUNK_BYTES } from '~/db/json-rows'
import { integration, tool, toolStaging } from '~/db/schema'
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

/** Staging statements sent per round trip: a few MB in flight, not the whole tool set. */
const STAGING_CHUNKS_PER_BATCH = 4

/**
 * Replaces every tool of `owner` with `tools` and sets its tool count, refresh time and status
 * `ready`. The rows are first staged in `tool_staging` a few chunks at a time, then moved into
 * `tool` and `tool_search` by one batch (one transaction on libSQL and on D1): readers see the old
 * set or the new one, never a mix, and memory holds only the chunks in flight. Throws (and changes
 * nothing that readers see) on an invalid path, an oversized tool, or any database error, e.g.
 * two tools with one path.
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
  const clearStaging = () => db.delete(toolStaging).where(eq(toolStaging.integrationId, owner.id))
  await clearStaging()
  try {
    let pending: string[] = []
    const send = async () => {
      if (pending.length === 0) return
      const [first, ...rest] = pending.map((rows) => stageRows(db, owner.id, rows))
      pending = []
      if (first) await db.batch([first, ...rest])
    }
    for (const chunk of stagingChunks(owner, tools)) {
      pending.push(chunk)
      if (pending.length >= STAGING_CHUNKS_PER_BATCH) await send()
    }
    await send()
    const staged = eq(toolStaging.integrationId, owner.id)
    await db.batch([
      db.delete(tool).where(eq(tool.integrationId, owner.id)),
      db.delete(toolSearch).where(eq(toolSearch.integrationId, owner.id)),
      db.insert(tool).select(
        sql`select ${toolStaging.integrationId}, ${toolStaging.path}, ${toolStaging.title}, ${toolStaging.description},
          ${toolStaging.inputSchema}, ${toolStaging.outputSchema}, ${toolStaging.annotations}, ${toolStaging.operation}, null
        from ${toolStaging} where ${staged}`,
      ),
      db.insert(toolSearch).select(
        sql`select ${toolStaging.integrationId}, ${toolStaging.path}, ${toolStaging.pathWords}, ${toolStaging.title},
          ${toolStaging.description}, ${toolStaging.parameterNames}
        from ${toolStaging} where ${staged}`,
      ),
      clearStaging(),
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
  } catch (error) {
    await clearStaging().catch(() => undefined)
    throw error
  }
}

/** One staging chunk: JSON rows unpacked by json_each, in `tool_staging`'s column order. */
function stageRows(db: Database, integrationId: string, rows: string) {
  return db.insert(toolStaging).select(
    sql`select ${integrationId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
      json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'),
      json_extract(value, '$[7]'), json_extract(value, '$[8]')
    from json_each(${rows})`,
  )
}

/** The staging rows as JSON chunks, made one at a time as they are consumed. */
function* stagingChunks(owner: { slug: string }, tools: ToolInput[]): Generator<string> {
  let pending: string[] = []
  let bytes = 0
  for (const t of tools) {
    // The JSON columns travel as JSON values, not as strings of JSON: json_extract gives an
    // object or array back as its JSON text, so each tool is serialized once, without escaping.
    // (A non-object value is wrapped so that json_extract never unquotes it into plain text.)
    const json = JSON.stringify([
      t.path,
      t.title,
      t.description,
      asJsonColumn(t.inputSchema),
      asJsonColumn(t.outputSchema),
      asJsonColumn(t.annotations),
      asJsonColumn(t.operation),
      pathWords(`${owner.slug}.${t.path}`),
      parameterWords(t.inputSchema),
    ])
    const size = utf8Bytes(json) + 1
    if (size > MAX_TOOL_BYTES) throw new Error(`tool ${t.path} is too large to store (${size} bytes of JSON)`)
    if (bytes + size > JSON_ROWS_CHUNK_BYTES && pending.length > 0) {
      yield `[${pending.join(',')}]`
      pending = []
      bytes = 0
    }
    pending.push(json)
    bytes += size
  }
  if (pending.length > 0) yield `[${pending.join(',')}]`
}

/** Objects and arrays as they are; anything else (a bare string, number, null) as JSON text in a string. */
function asJsonColumn(value: unknown): unknown {
  if (value === undefined) return {}
  return value !== null && typeof value === 'object' ? value : JSON.stringify(value)
}

const encoder = new TextEncoder()
/** UTF-8 length without allocating for ASCII-only text (most tool JSON). */
function utf8Bytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length
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
