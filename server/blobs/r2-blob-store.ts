// Blobs in an R2 bucket (the Worker's `BLOBS` binding): each blob is one object holding the bytes
// as put, with its content type as HTTP metadata. R2 has no practical size limit here and writes
// are strongly consistent, so no chunking and no compression: the object is the file itself.
import type { R2Bucket } from '@cloudflare/workers-types'
import { bytesOf, type BlobStore } from './blob-store'

/** The part of the R2 binding this store uses. */
export type R2BlobBucket = Pick<R2Bucket, 'put' | 'get' | 'delete'>

export function createR2BlobStore(bucket: R2BlobBucket): BlobStore {
  return {
    kind: 'r2',
    async put(key, body, { contentType }) {
      await bucket.put(key, bytesOf(body), { httpMetadata: { contentType } })
    },
    async get(key) {
      const object = await bucket.get(key)
      if (!object) return null
      const bytes = new Uint8Array(await object.arrayBuffer())
      return { bytes, size: bytes.byteLength, contentType: object.httpMetadata?.contentType ?? 'application/octet-stream' }
    },
    async delete(key) {
      await bucket.delete(key)
    },
  }
}
