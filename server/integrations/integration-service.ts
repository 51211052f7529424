// The operations behind /api/integrations and the console: adding an integration starts its
// import in the background and answers as soon as it is done or after a short wait, whichever
// comes first, so a small description is `ready` in the answer and a large one reports progress.
import type { Principal } from '../auth/principal'
import { inBackground, type WaitUntil } from '../http/background'
import { AppError } from '../http/app-error'
import type { Platform } from '../platform/types'
import { connectionAddress, credentialForCall, usableConnections } from '../connections/connections'
import { importDeps, oauthDeps } from '../services'
import type { Credential } from './openapi/credentials'
import { readSource, runImport, type ImportSource } from './import-integration'
import { sourceKey } from './source-blob'
import { textOf } from '../blobs/blob-store'
import { NeedsCredentialError, type ImportedIntegration } from './kinds/kind'
import { kindAdapter } from './kinds/registry'
import type { CreateIntegrationInput, PreviewIntegrationInput, RefreshIntegrationInput } from './integration.schema'
import { beginRefresh, getIntegration, insertIntegration, requireAdmin, requireIntegration, type IntegrationView } from './integrations'

/** How long adding or refreshing waits for the import before answering `importing`. */
export const IMPORT_ANSWER_WAIT_MS = 2_000

export async function addIntegration(
  platform: Platform,
  principal: Principal,
  input: CreateIntegrationInput,
  waitUntil?: WaitUntil,
): Promise<IntegrationView> {
  kindAdapter(input.kind) // a kind this build cannot import is refused before anything is stored
  const row = await insertIntegration(platform.db, principal, input, platform.now())
  const source: ImportSource = input.url !== undefined ? { url: input.url } : { document: input.document ?? '' }
  const work = runImport(importDeps(platform), row, source, { nameFromDocument: input.name === undefined })
  await settleOrWait(work, waitUntil)
  return getIntegration(platform.db, row.id, platform.now())
}

export async function refreshIntegration(
  platform: Platform,
  principal: Principal,
  idOrSlug: string,
  input: RefreshIntegrationInput,
  waitUntil?: WaitUntil,
): Promise<IntegrationView> {
  requireAdmin(principal, 'refresh integrations')
  const current = await requireIntegration(platform.db, idOrSlug)
  let source: ImportSource
  if (input.document !== undefined) source = { document: input.document }
  else if (input.url !== undefined) source = { url: input.url }
  else if (current.sourceUrl) source = { url: current.sourceUrl }
  else source = { document: await storedDocument(platform, current) }
  const row = await beginRefresh(platform.db, principal, current.id, platform.now())
  const credential = await importCredential(platform, principal, row.id)
  const work = runImport(importDeps(platform), row, source, { nameFromDocument: false, credential })
  await settleOrWait(work, waitUntil)
  return getIntegration(platform.db, row.id, platform.now())
}

/** A pasted integration's last stored source, to refresh from when no new text is sent. */
async function storedDocument(platform: Platform, row: { id: string; slug: string }): Promise<string> {
  const stored = await platform.blobs.get(sourceKey(row.id))
  if (!stored) {
    throw new AppError('BAD_REQUEST', `"${row.slug}" was added from a pasted document that was not kept (it predates stored sources): send its text as "document" to refresh it`)
  }
  return textOf(stored)
}

/** What a description holds, without saving anything: for the console's preview before adding. */
export async function previewIntegration(platform: Platform, input: PreviewIntegrationInput) {
  const source: ImportSource = input.url !== undefined ? { url: input.url } : { document: input.document ?? '' }
  const kind = input.kind ?? 'openapi'
  let imported: ImportedIntegration
  let authRequired: string | null = null
  try {
    imported = await readSource(importDeps(platform), kind, source)
  } catch (error) {
    // A server that wants a credential can still be added: connect it, then refresh.
    if (!(error instanceof NeedsCredentialError)) throw error
    authRequired = error.message
    const host = 'url' in source ? new URL(source.url).host : kind
    imported = { title: host, version: '', servers: 'url' in source ? [source.url] : [], securitySchemes: error.securitySchemes, tools: [], warnings: [], needsCredential: true }
  }
  const groups = new Map<string, number>()
  for (const tool of imported.tools) {
    const group = tool.path.split('.')[0] ?? ''
    groups.set(group, (groups.get(group) ?? 0) + 1)
  }
  return {
    kind,
    /** the version the document declared: `2.0` is Swagger, converted on import */
    specVersion: imported.specVersion,
    title: imported.title,
    version: imported.version,
    description: imported.description ?? null,
    operationCount: imported.tools.length,
    groups: [...groups].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count).slice(0, 30),
    servers: imported.servers,
    securitySchemes: imported.securitySchemes,
    needsCredential: imported.needsCredential,
    /** set when the source could not be read without a credential: why, and what to do */
    authRequired,
    suggestedSlug: suggestSlug(imported.title),
    warnings: imported.warnings.slice(0, 20),
    warningCount: imported.warnings.length,
  }
}

/**
 * The credential a refresh reads its source with (GraphQL introspection and MCP tool lists may
 * need one): the first org connection, else the admin's own; none when neither exists.
 */
async function importCredential(platform: Platform, principal: Principal, integrationId: string): Promise<Credential | undefined> {
  const [first] = await usableConnections(platform.db, principal, [integrationId])
  if (!first) return undefined
  return credentialForCall(await oauthDeps(platform), first, connectionAddress(first))
}

async function settleOrWait(work: Promise<void>, waitUntil: WaitUntil | undefined) {
  inBackground(work, waitUntil)
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, IMPORT_ANSWER_WAIT_MS)))])
  clearTimeout(timer)
}

/** A slug from a title: `GitHub v3 REST API` → `github_v3_rest_api`, cut to 40. */
export function suggestSlug(title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const slug = /^[a-z]/.test(words) ? words : `api_${words}`
  return slug.slice(0, 40).replace(/_+$/, '') || 'api'
}
