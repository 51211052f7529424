// One import of an integration's source into its tools: read it with its kind's adapter (an
// OpenAPI description, a GraphQL schema, an MCP server's tool list; fetched through the network
// guard, or as pasted), and replace the tool set in one batch.
// Progress goes to the integration row as it happens (throttled), so any request, on any
// isolate, can report it; the writes double as a heartbeat that tells a live import from one
// that died with its process. A failure keeps the previous tools (replaceTools is atomic) and
// records why.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { BlobStore } from '../blobs/blob-store'
import { integration } from '~/db/schema'
import { replaceTools } from '../catalog/tool-store'
import { ensureImplicitConnection } from '../connections/connections'
import { AppError } from '../http/app-error'
import type { GuardedFetch } from '../net/guarded-fetch'
import { errorFields, type Logger } from '../observability/logger'
import type { IntegrationKind } from '~/db/enums'
import type { IntegrationDetails, IntegrationRow } from './integrations'
import { NeedsCredentialError, type ImportContext, type ImportedIntegration, type ImportSource } from './kinds/kind'
import { kindAdapter } from './kinds/registry'
import type { Credential } from './openapi/credentials'
import { storeSource } from './source-blob'

export type ImportDeps = { db: Database; blobs: BlobStore; fetch: GuardedFetch; log: Logger; now: () => number }

export type { ImportSource }

/** Progress is written at most this often. */
const PROGRESS_WRITE_MS = 500
const MAX_KEPT_WARNINGS = 50

/** Reads and converts a source with its kind's adapter (shared by import and preview). */
export function readSource(
  deps: Pick<ImportDeps, 'fetch'>,
  kind: IntegrationKind,
  source: ImportSource,
  options: Omit<ImportContext, 'fetch'> = {},
): Promise<ImportedIntegration> {
  return kindAdapter(kind).read(source, { ...options, fetch: deps.fetch })
}

/** Runs the import to its end; never throws (a failure is recorded on the row and logged). */
export async function runImport(
  deps: ImportDeps,
  row: Pick<IntegrationRow, 'id' | 'slug' | 'kind'>,
  source: ImportSource,
  options: { nameFromDocument: boolean; credential?: Credential },
): Promise<void> {
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
    const imported = await readSource(deps, row.kind, source, {
      credential: options.credential,
      onPhase: (phase) => write({ statusMessage: phase, progressDone: null, progressTotal: null }, true),
      onProgress: (done, total) => write({ statusMessage: 'Converting operations to tools', progressDone: done, progressTotal: total }),
    })
    write({ statusMessage: `Storing ${imported.tools.length} tools`, progressDone: imported.tools.length, progressTotal: imported.tools.length }, true)
    await pending
    // Kept before the details that point at it, so a view never names a source that is not there.
    const sourceInfo = imported.source ? await storeSource(deps.blobs, row, imported.source) : undefined
    const details: IntegrationDetails = {
      title: imported.title,
      version: imported.version,
      ...(imported.description ? { description: imported.description } : {}),
      servers: imported.servers,
      securitySchemes: imported.securitySchemes,
      warnings: imported.warnings.slice(0, MAX_KEPT_WARNINGS),
      warningCount: imported.warnings.length,
      ...(imported.schema !== undefined ? { schema: imported.schema } : {}),
      ...(sourceInfo ? { source: sourceInfo } : {}),
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
    if (!imported.needsCredential) await ensureImplicitConnection(deps.db, row.id, now)
    deps.log.info('integration imported', {
      integrationId: row.id,
      slug: row.slug,
      tools: imported.tools.length,
      warnings: imported.warnings.length,
      durationMs: deps.now() - started,
    })
  } catch (error) {
    await pending
    if (error instanceof NeedsCredentialError) {
      // Keep what the challenge said about authenticating, for the connection form; the tools
      // (if any) of the last good import stay.
      const [current] = await deps.db.select({ details: integration.details }).from(integration).where(eq(integration.id, row.id))
      const previous = (current?.details as IntegrationDetails | null) ?? { title: row.slug, version: '', servers: [], securitySchemes: {}, warnings: [], warningCount: 0 }
      await deps.db
        .update(integration)
        .set({ details: { ...previous, securitySchemes: error.securitySchemes } })
        .where(eq(integration.id, row.id))
        .catch(() => undefined)
    }
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

