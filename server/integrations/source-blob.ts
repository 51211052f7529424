// An integration's source document, kept in the platform's blob store under one key per
// integration: written by every successful import (replacing the last), read for download and
// for refreshing an integration that was added from a pasted document, deleted with it.
import type { BlobStore, StoredBlob } from '../blobs/blob-store'
import { AppError } from '../http/app-error'
import type { SourceDocument } from './kinds/kind'

/** What the integration's details say about its stored source (shown in the console). */
export type SourceInfo = { size: number; contentType: string; fileName: string }

export function sourceKey(integrationId: string): string {
  return `integrations/${integrationId}/source`
}

export async function storeSource(blobs: BlobStore, row: { id: string; slug: string }, source: SourceDocument): Promise<SourceInfo> {
  const bytes = new TextEncoder().encode(source.text)
  await blobs.put(sourceKey(row.id), bytes, { contentType: source.contentType })
  return { size: bytes.byteLength, contentType: source.contentType, fileName: `${row.slug}${source.fileSuffix}` }
}

/** The stored source, or a 404 naming why there may be none. */
export async function requireSource(blobs: BlobStore, row: { id: string; slug: string }): Promise<StoredBlob> {
  const stored = await blobs.get(sourceKey(row.id))
  if (!stored) {
    throw new AppError('NOT_FOUND', `No source document is stored for "${row.slug}": it was imported before sources were kept, or no import has succeeded yet; refresh it to store one`)
  }
  return stored
}

/** The stored source as a download: its content type, and the file name the import gave it. */
export async function sourceDownload(blobs: BlobStore, row: { id: string; slug: string; details: unknown }): Promise<Response> {
  const stored = await requireSource(blobs, row)
  const info = (row.details as { source?: SourceInfo } | null)?.source
  // Slugs are lowercase letters, digits and underscores, so the name needs no quoting beyond this.
  const fileName = info?.fileName ?? `${row.slug}.source`
  return new Response(stored.bytes, {
    headers: {
      'content-type': stored.contentType,
      'content-length': String(stored.size),
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}

export function deleteSource(blobs: BlobStore, integrationId: string): Promise<void> {
  return blobs.delete(sourceKey(integrationId))
}
