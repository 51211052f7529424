// One import of an OpenAPI description into an integration's tools: read the text (fetched
// through the network guard, or as pasted), convert it, and replace the tool set in one batch.
// Progress goes to the integration row as it happens (throttled), so any request, on any
// isolate, can report it; the writes double as a heartbeat that tells a live import from one
// that died with its process. A failure keeps the previous tools (replaceTools is atomic) and
// records why.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { integration } from '~/db/schema'
import { replaceTools } from '../catalog/tool-store'
import { ensureImplicitConnection } from '../connections/connections'
import { AppError } from '../http/app-error'
import type { GuardedFetch } from '../net/guarded-fetch'
import { errorFields, type Logger } from '../observability/logger'
import { refuseOtherKinds } from './detect-kind'
import { fetchDocument } from './fetch-document'
import type { IntegrationDetails, IntegrationRow } from './integrations'
import { importOpenApi, type ImportProgress } from './openapi/import-document'
import type { ImportedDescription } from './openapi/operation'

export type ImportDeps = { db: Database; fetch: GuardedFetch; log: Logger; now: () => number }

/** Where the description comes from this time. */
export type ImportSource = { url: string } | { document: string }

/** Progress is written at most this often. */
const PROGRESS_WRITE_MS = 500
const MAX_KEPT_WARNINGS = 50

/** Reads and converts a description (shared by import and preview). */
export async function readDescription(
  deps: Pick<ImportDeps, 'fetch'>,
  source: ImportSource,
  options: { onPhase?: (phase: string) => void; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportedDescription> {
  let text: string
  let sourceUrl: string | undefined
  if ('url' in source) {
    options.onPhase?.('Fetching the description')
    const fetched = await fetchDocument(deps.fetch, source.url)
    text = fetched.text
    sourceUrl = fetched.url
  } else {
    text = source.document
  }
  options.onPhase?.('Reading the description')
  refuseOtherKinds(text)
  // Relative server URLs and same-origin `$ref`s resolve against where the document came from.
  return importOpenApi(text, {
    baseUrl: sourceUrl,
    sourceUrl,
    fetch: deps.fetch,
    onProgress: (progress: ImportProgress) => {
      if (progress.phase === 'resolving') options.onPhase?.('Resolving $refs')
      if (progress.done !== undefined && progress.total !== undefined) options.onProgress?.(progress.done, progress.total)
    },
  })
}

/** Runs the import to its end; never throws (a failure is recorded on the row and logged). */
export async function runImport(deps: ImportDeps, row: Pick<IntegrationRow, 'id' | 'slug'>, source: ImportSource, options: { nameFromDocument: boolean }): Promise<void> {
  const started = deps.now()
  let lastWrite = 0
  let pending: Promise<unknown> = Promise.resolve()
  const write = (changes: Partial<IntegrationRow>, force = false) => {
    const now = deps.now()
    if (!force && now - lastWrite < PROGRESS_WRITE_MS) return
    lastWrite = now
    pending = pending
      .then(() =>
        deps.db
          .update(integration)
          .set({ ...changes, updatedAt: new Date(now) })
          .where(and(eq(integration.id, row.id), eq(integration.status, 'importing'))),
      )
      .catch(() => undefined)
  }
  try {
    const imported = await readDescription(deps, source, {
      onPhase: (phase) => write({ statusMessage: phase, progressDone: null, progressTotal: null }, true),
      onProgress: (done, total) => write({ statusMessage: 'Converting operations to tools', progressDone: done, progressTotal: total }),
    })
    write({ statusMessage: `Storing ${imported.tools.length} tools`, progressDone: imported.tools.length, progressTotal: imported.tools.length }, true)
    await pending
    const details: IntegrationDetails = {
      title: imported.title,
      version: imported.version,
      ...(imported.description ? { description: imported.description } : {}),
      servers: imported.servers,
      securitySchemes: imported.securitySchemes,
      warnings: imported.warnings.slice(0, MAX_KEPT_WARNINGS),
      warningCount: imported.warnings.length,
    }
    const now = new Date(deps.now())
    // Settings first (still `importing`), then the tools with status `ready` in one batch.
    await deps.db
      .update(integration)
      .set({
        details,
        ...(options.nameFromDocument && imported.title ? { name: imported.title.slice(0, 100) } : {}),
        sourceUrl: 'url' in source ? source.url : null,
        progressDone: null,
        progressTotal: null,
        updatedAt: now,
      })
      .where(eq(integration.id, row.id))
    await replaceTools(deps.db, { id: row.id, slug: row.slug }, imported.tools, now)
    if (needsNoCredential(imported)) await ensureImplicitConnection(deps.db, row.id, now)
    deps.log.info('integration imported', {
      integrationId: row.id,
      slug: row.slug,
      tools: imported.tools.length,
      warnings: imported.warnings.length,
      durationMs: deps.now() - started,
    })
  } catch (error) {
    await pending
    const message = error instanceof AppError ? error.message : 'The import failed unexpectedly; the server log has the details'
    if (!(error instanceof AppError)) deps.log.error('integration import failed', { integrationId: row.id, ...errorFields(error) })
    else deps.log.warn('integration import failed', { integrationId: row.id, slug: row.slug, reason: message })
    await deps.db
      .update(integration)
      .set({ status: 'failed', statusMessage: message, progressDone: null, progressTotal: null, updatedAt: new Date(deps.now()) })
      .where(eq(integration.id, row.id))
      .catch((writeError: unknown) => deps.log.error('could not record a failed import', { integrationId: row.id, ...errorFields(writeError) }))
  }
}

/** No security scheme and no operation asking for one: the API is callable without a credential. */
export function needsNoCredential(imported: ImportedDescription): boolean {
  return Object.keys(imported.securitySchemes).length === 0 && imported.tools.every((tool) => tool.operation.security.length === 0)
}
