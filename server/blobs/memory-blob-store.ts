// Blobs in a Map, for unit tests of code that takes a BlobStore.
import { bytesOf, type BlobStore, type StoredBlob } from './blob-store'

export function createMemoryBlobStore(): BlobStore & { readonly keys: () => string[] } {
  const blobs = new Map<string, StoredBlob>()
  return {
    kind: 'memory',
    async put(key, body, { contentType }) {
      const bytes = bytesOf(body).slice()
      blobs.set(key, { bytes, size: bytes.byteLength, contentType })
    },
    async get(key) {
      const found = blobs.get(key)
      return found ? { ...found, bytes: found.bytes.slice() } : null
    },
    async delete(key) {
      blobs.delete(key)
    },
    keys: () => [...blobs.keys()],
  }
}
