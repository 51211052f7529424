// Toolkits: admins add, change and remove them (each change lands in one batch with its audit
// entry); every member reads them. The MCP endpoint looks one up by slug on each request, so a
// change applies to open sessions from their next request.
import { asc, eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { ToolkitMode } from '~/db/enums'
import { toolkit } from '~/db/schema'
import { actorOf, auditInsert } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { MAX_TOOLKITS, type AddToolkitInput, type UpdateToolkitInput } from './toolkit.schema'

export type Toolkit = {
  id: string
  slug: string
  name: string
  description: string
  patterns: string[]
  mode: ToolkitMode
  createdAt: string
  updatedAt: string
}

const columns = {
  id: toolkit.id,
  slug: toolkit.slug,
  name: toolkit.name,
  description: toolkit.description,
  patterns: toolkit.patterns,
  mode: toolkit.mode,
  createdAt: toolkit.createdAt,
  updatedAt: toolkit.updatedAt,
}

type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] }

const view = (row: Row): Toolkit => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() })

export async function listToolkits(db: Database): Promise<Toolkit[]> {
  const rows = await db.select(columns).from(toolkit).orderBy(asc(toolkit.slug))
  return rows.map(view)
}

export async function getToolkit(db: Database, id: string): Promise<Toolkit> {
  const [row] = await db.select(columns).from(toolkit).where(eq(toolkit.id, id)).limit(1)
  if (!row) throw new AppError('NOT_FOUND', 'No such toolkit')
  return view(row)
}

/** The toolkit served at `/mcp/<slug>`, or undefined. */
export async function toolkitBySlug(db: Database, slug: string): Promise<Toolkit | undefined> {
  const [row] = await db.select(columns).from(toolkit).where(eq(toolkit.slug, slug)).limit(1)
  return row && view(row)
}

const slugTaken = (slug: string) => new AppError('CONFLICT', `A toolkit with the slug "${slug}" already exists`)

/** A unique-index refusal from either driver (libSQL and D1 both name the constraint). */
const isUniqueViolation = (error: unknown) => String(error instanceof Error ? `${error.message} ${String(error.cause)}` : error).includes('UNIQUE')

export async function addToolkit(db: Database, actor: Principal, input: AddToolkitInput, now = Date.now()): Promise<Toolkit> {
  const [counted] = await db.select({ n: sql<number>`count(*)` }).from(toolkit)
  if ((counted?.n ?? 0) >= MAX_TOOLKITS) throw new AppError('CONFLICT', `There are already ${MAX_TOOLKITS} toolkits, the most allowed; remove one first`)
  if (await toolkitBySlug(db, input.slug)) throw slugTaken(input.slug)
  const id = newId('tk')
  const at = new Date(now)
  const mode = input.mode ?? 'code'
  try {
    await db.batch([
      db.insert(toolkit).values({
        id,
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        patterns: input.patterns,
        mode,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      }),
      auditInsert(db, actorOf(actor), {
        action: 'toolkit.added',
        target: { type: 'toolkit', id, label: input.slug },
        details: { name: input.name, patterns: input.patterns, mode },
      }, now),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug)
    throw error
  }
  return getToolkit(db, id)
}

export async function updateToolkit(db: Database, actor: Principal, id: string, patch: UpdateToolkitInput, now = Date.now()): Promise<Toolkit> {
  const before = await getToolkit(db, id)
  const after = { ...before, ...patch }
  const changed = (['slug', 'name', 'description', 'mode'] as const).filter((key) => after[key] !== before[key])
  const patternsChanged = JSON.stringify(after.patterns) !== JSON.stringify(before.patterns)
  if (changed.length === 0 && !patternsChanged) return before
  const details: Record<string, string | string[]> = { changed: [...changed, ...(patternsChanged ? ['patterns'] : [])] }
  if (after.slug !== before.slug) details.slugFrom = before.slug
  if (after.mode !== before.mode) details.mode = after.mode
  if (patternsChanged) details.patterns = after.patterns
  if (after.slug !== before.slug && (await toolkitBySlug(db, after.slug))) throw slugTaken(after.slug)
  try {
    await db.batch([
      db
        .update(toolkit)
        .set({ slug: after.slug, name: after.name, description: after.description, patterns: after.patterns, mode: after.mode, updatedAt: new Date(now) })
        .where(eq(toolkit.id, id)),
      auditInsert(db, actorOf(actor), { action: 'toolkit.changed', target: { type: 'toolkit', id, label: after.slug }, details }, now),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(after.slug)
    throw error
  }
  return getToolkit(db, id)
}

export async function removeToolkit(db: Database, actor: Principal, id: string, now = Date.now()): Promise<void> {
  const before = await getToolkit(db, id)
  const [deleted] = await db.batch([
    db.delete(toolkit).where(eq(toolkit.id, id)).returning({ id: toolkit.id }),
    auditInsert(db, actorOf(actor), {
      action: 'toolkit.removed',
      target: { type: 'toolkit', id, label: before.slug },
      details: { name: before.name, patterns: before.patterns, mode: before.mode },
    }, now),
  ])
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'No such toolkit')
}
