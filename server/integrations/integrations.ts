// Integrations: APIs whose operations became tools. Adding one stores its row as `importing`
// and starts the import (./import-integration.ts); reads report its status, progress and what
// the last import learned (servers, security schemes, warnings). Admins manage integrations;
// every member reads them.
import { and, asc, eq, lt } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { BlobStore } from '../blobs/blob-store'
import type { IntegrationKind, IntegrationStatus } from '~/db/enums'
import { integration } from '~/db/schema'
import { actorOf, recordAudit, urlWithoutSecrets, type AuditDetails } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import type { SecurityScheme } from './openapi/operation'
import { deleteSource, type SourceInfo } from './source-blob'
import type { CreateIntegrationInput, UpdateIntegrationInput } from './integration.schema'

export type IntegrationRow = typeof integration.$inferSelect

/** What the last successful import learned besides tools. */
export type IntegrationDetails = {
  title: string
  version: string
  description?: string
  /** the description's servers, variables filled in with their defaults */
  servers: string[]
  securitySchemes: Record<string, SecurityScheme>
  /** problems that did not stop the import (first 50) */
  warnings: string[]
  warningCount: number
  /** the source's schema, for checking calls locally (GraphQL SDL); never part of a view */
  schema?: string
  /** the source document the last import stored (GET /api/integrations/:id/source) */
  source?: SourceInfo
}

export type IntegrationView = {
  id: string
  slug: string
  kind: IntegrationKind
  name: string
  description: string
  status: IntegrationStatus
  /** while importing: the phase; when failed: why */
  statusMessage: string | null
  /** while importing: operations converted so far, of how many (when known) */
  progress: { done: number; total: number } | null
  toolCount: number
  sourceUrl: string | null
  /** the base URL set for it, overriding the description's servers */
  baseUrl: string | null
  /** where calls go: the base URL set, else the description's first server */
  effectiveBaseUrl: string | null
  details: IntegrationDetails | null
  createdAt: string
  updatedAt: string
  refreshedAt: string | null
}

/** An import that has not written progress for this long has died with its process. */
export const IMPORT_STALE_MS = 2 * 60_000

export function requireAdmin(principal: Principal, what = 'manage integrations') {
  if (!hasRole(principal.role, 'admin')) throw new AppError('FORBIDDEN', `Only an admin can ${what}`)
}

/** Inserts the integration as `importing`; the caller starts its import. 409 on a taken slug. */
export async function insertIntegration(db: Database, principal: Principal, input: CreateIntegrationInput, now: number): Promise<IntegrationRow> {
  requireAdmin(principal, 'add integrations')
  const at = new Date(now)
  const row: IntegrationRow = {
    id: newId('int'),
    slug: input.slug,
    kind: input.kind,
    name: input.name ?? input.slug,
    description: input.description ?? '',
    status: 'importing',
    statusMessage: input.url ? 'Fetching the description' : 'Reading the description',
    toolCount: 0,
    sourceUrl: input.url ?? null,
    baseUrl: input.baseUrl ?? null,
    details: null,
    createdBy: principal.userId,
    progressDone: null,
    progressTotal: null,
    createdAt: at,
    updatedAt: at,
    refreshedAt: null,
  }
  const [taken] = await db.select({ id: integration.id }).from(integration).where(eq(integration.slug, input.slug)).limit(1)
  if (taken) throw new AppError('CONFLICT', `An integration with the slug "${input.slug}" already exists`)
  try {
    await db.insert(integration).values(row)
  } catch (error) {
    if (String(error instanceof Error ? `${error.message} ${String(error.cause)}` : error).includes('UNIQUE')) {
      throw new AppError('CONFLICT', `An integration with the slug "${input.slug}" already exists`)
    }
    throw error
  }
  await recordAudit(db, actorOf(principal), {
    action: 'integration.added',
    target: { type: 'integration', id: row.id, label: row.slug },
    details: { kind: row.kind, name: row.name, sourceUrl: urlWithoutSecrets(row.sourceUrl), baseUrl: urlWithoutSecrets(row.baseUrl) },
  }, now)
  return row
}

export async function listIntegrations(db: Database, now: number): Promise<IntegrationView[]> {
  const rows = await db.select().from(integration).orderBy(asc(integration.slug))
  return Promise.all(rows.map((row) => settleStale(db, row, now))).then((settled) => settled.map(toView))
}

/** By id, or by slug (scripts know the slug they chose). */
export async function findIntegration(db: Database, idOrSlug: string): Promise<IntegrationRow | undefined> {
  const column = idOrSlug.startsWith('int_') ? integration.id : integration.slug
  const [row] = await db.select().from(integration).where(eq(column, idOrSlug)).limit(1)
  return row
}

export async function requireIntegration(db: Database, idOrSlug: string): Promise<IntegrationRow> {
  const row = await findIntegration(db, idOrSlug)
  if (!row) throw new AppError('NOT_FOUND', `No integration "${idOrSlug}"`)
  return row
}

export async function getIntegration(db: Database, idOrSlug: string, now: number): Promise<IntegrationView> {
  return toView(await settleStale(db, await requireIntegration(db, idOrSlug), now))
}

export async function updateIntegration(
  db: Database,
  principal: Principal,
  idOrSlug: string,
  input: UpdateIntegrationInput,
  now: number,
): Promise<IntegrationView> {
  requireAdmin(principal)
  const row = await requireIntegration(db, idOrSlug)
  const changes: Partial<IntegrationRow> = { updatedAt: new Date(now) }
  if (input.name !== undefined) changes.name = input.name
  if (input.description !== undefined) changes.description = input.description
  if (input.baseUrl !== undefined) changes.baseUrl = input.baseUrl
  await db.update(integration).set(changes).where(eq(integration.id, row.id))
  const details: AuditDetails = {}
  if (input.name !== undefined && input.name !== row.name) Object.assign(details, { nameFrom: row.name, nameTo: input.name })
  if (input.description !== undefined && input.description !== row.description) details.description = 'changed'
  if (input.baseUrl !== undefined && input.baseUrl !== row.baseUrl) {
    Object.assign(details, { baseUrlFrom: urlWithoutSecrets(row.baseUrl), baseUrlTo: urlWithoutSecrets(input.baseUrl) })
  }
  await recordAudit(db, actorOf(principal), { action: 'integration.changed', target: { type: 'integration', id: row.id, label: row.slug }, details }, now)
  return toView({ ...row, ...changes })
}

/**
 * Removes it with its tools and connections (cascades; the search rows go by trigger), then its
 * stored source: the row goes first, so a failure in between leaves an unreachable blob, never
 * an integration whose source vanished.
 */
export async function deleteIntegration(db: Database, blobs: BlobStore, principal: Principal, idOrSlug: string): Promise<void> {
  requireAdmin(principal)
  const row = await requireIntegration(db, idOrSlug)
  await db.delete(integration).where(eq(integration.id, row.id))
  await deleteSource(blobs, row.id)
  await recordAudit(db, actorOf(principal), {
    action: 'integration.removed',
    target: { type: 'integration', id: row.id, label: row.slug },
    details: { kind: row.kind, name: row.name, toolCount: row.toolCount },
  })
}

/**
 * Marks it `importing` for a refresh, unless an import is already running (409). Conditional on
 * the status read, so two refreshes at once cannot both start.
 */
export async function beginRefresh(db: Database, principal: Principal, idOrSlug: string, now: number): Promise<IntegrationRow> {
  requireAdmin(principal, 'refresh integrations')
  const row = await settleStale(db, await requireIntegration(db, idOrSlug), now)
  if (row.status === 'importing') throw new AppError('CONFLICT', `An import of "${row.slug}" is already running`)
  const started = await db
    .update(integration)
    .set({ status: 'importing', statusMessage: 'Starting the refresh', progressDone: null, progressTotal: null, updatedAt: new Date(now) })
    .where(and(eq(integration.id, row.id), eq(integration.status, row.status)))
    .returning({ id: integration.id })
  if (started.length === 0) throw new AppError('CONFLICT', `An import of "${row.slug}" is already running`)
  await recordAudit(db, actorOf(principal), {
    action: 'integration.refreshed',
    target: { type: 'integration', id: row.id, label: row.slug },
    details: { kind: row.kind, toolCountBefore: row.toolCount },
  }, now)
  return { ...row, status: 'importing' }
}

/** An `importing` row whose import stopped writing progress long ago died with its process: say so. */
async function settleStale(db: Database, row: IntegrationRow, now: number): Promise<IntegrationRow> {
  if (row.status !== 'importing' || now - row.updatedAt.getTime() < IMPORT_STALE_MS) return row
  return markImportLost(db, row, now)
}

const LOST_MESSAGE = 'The import stopped when the server restarted; refresh to try again'

async function markImportLost(db: Database, row: IntegrationRow, now: number): Promise<IntegrationRow> {
  const changes = { status: 'failed' as const, statusMessage: LOST_MESSAGE, progressDone: null, progressTotal: null, updatedAt: new Date(now) }
  await db.update(integration).set(changes).where(and(eq(integration.id, row.id), eq(integration.status, 'importing')))
  return { ...row, ...changes }
}

/** At container boot (the only process on its file): every `importing` row is a leftover. */
export async function markImportsLost(db: Database, now: number): Promise<number> {
  const marked = await db
    .update(integration)
    .set({ status: 'failed', statusMessage: LOST_MESSAGE, progressDone: null, progressTotal: null, updatedAt: new Date(now) })
    .where(and(eq(integration.status, 'importing'), lt(integration.updatedAt, new Date(now + 1))))
    .returning({ id: integration.id })
  return marked.length
}

export function effectiveBaseUrl(row: Pick<IntegrationRow, 'baseUrl' | 'details'>): string | null {
  return row.baseUrl ?? (row.details as IntegrationDetails | null)?.servers[0] ?? null
}

export function toView(row: IntegrationRow): IntegrationView {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    description: row.description,
    status: row.status,
    statusMessage: row.statusMessage,
    progress:
      row.status === 'importing' && row.progressTotal !== null
        ? { done: row.progressDone ?? 0, total: row.progressTotal }
        : null,
    toolCount: row.toolCount,
    sourceUrl: row.sourceUrl,
    baseUrl: row.baseUrl,
    effectiveBaseUrl: effectiveBaseUrl(row),
    details: withoutSchema(row.details as IntegrationDetails | null),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
  }
}

/** Details as clients see them: a kept schema can be large, and the tools already say what it holds. */
function withoutSchema(details: IntegrationDetails | null): IntegrationDetails | null {
  if (!details || details.schema === undefined) return details
  const { schema: _schema, ...rest } = details
  return rest
}
