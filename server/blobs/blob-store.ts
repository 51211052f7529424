// Large blobs (an integration's source document) kept apart from the rows that describe them:
// in R2 on the Worker when the `BLOBS` bucket is bound, else in the database (./database-blob-store.ts).
// Values are whole: a put replaces a key's bytes at once, and a reader sees the old or the new ones.

/** Where a platform keeps its blobs, shown on the console's overview. */
export type BlobStoreKind = 'r2' | 'database' | 'memory'

export type PutOptions = { contentType: string }

export type StoredBlob = {
  /** the bytes as put (a string is stored as its UTF-8 bytes) */
  bytes: Uint8Array<ArrayBuffer>
  size: number
  contentType: string
}

export interface BlobStore {
  /** which implementation this is */
  readonly kind: BlobStoreKind
  /** stores `body` under `key`, replacing what was there */
  put(key: string, body: Uint8Array<ArrayBuffer> | string, options: PutOptions): Promise<void>
  /** the blob under `key`, or null when there is none */
  get(key: string): Promise<StoredBlob | null>
  /** removes the blob under `key`; nothing happens when there is none */
  delete(key: string): Promise<void>
}

/** A string body as bytes; bytes unchanged. */
export function bytesOf(body: Uint8Array<ArrayBuffer> | string): Uint8Array<ArrayBuffer> {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body
}

/** The blob's bytes as UTF-8 text. */
export function textOf(blob: StoredBlob): string {
  return new TextDecoder().decode(blob.bytes)
}
