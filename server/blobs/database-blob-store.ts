// Blobs in the database (libSQL in the container, D1 on a Worker without R2), in gzip-base64
// chunks (./gzip-chunks.ts) because D1 refuses a string or row over 2 MB and descriptions reach
// 13 MB (GitHub's). A put writes its chunks under a new generation, a few per batch, where no
// reader looks, then one batch makes that generation current and deletes the older ones; a read
// is one statement joining the row to its current chunks, so it sees one whole version.
// Generations sort by start time: a put becomes current only over an older one, so of two puts
// racing on a key the later-started wins, a put never deletes chunks a newer one is writing, and
// the loser deletes its own.
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { blob, blobChunk } from '~/db/schema'
import { randomToken } from '../crypto/tokens'
import { bytesOf, type BlobStore } from './blob-store'
import { decodeChunks, encodeChunks } from './gzip-chunks'

/** Chunk rows per insert batch: about 4 MiB of statements at a time. */
const CHUNKS_PER_BATCH = 4
const ENCODING = 'gzip-base64'

export function createDatabaseBlobStore(db: Database, now: () => number): BlobStore {
  return {
    kind: 'database',

    async put(key, body, { contentType }) {
      const bytes = bytesOf(body)
      const chunks = await encodeChunks(bytes)
      const at = now()
      const generation = `${String(at).padStart(15, '0')}-${randomToken(8)}`
      for (let first = 0; first < chunks.length; first += CHUNKS_PER_BATCH) {
        const inserts = chunks
          .slice(first, first + CHUNKS_PER_BATCH)
          .map((data, i) => db.insert(blobChunk).values({ key, generation, seq: first + i, data }))
        const [head, ...rest] = inserts
        if (head) await db.batch([head, ...rest])
      }
      const row = { key, generation, size: bytes.byteLength, contentType, encoding: ENCODING, chunkCount: chunks.length, updatedAt: new Date(at) }
      await db.batch([
        db
          .insert(blob)
          .values(row)
          .onConflictDoUpdate({
            target: blob.key,
            set: { generation, size: row.size, contentType, encoding: ENCODING, chunkCount: row.chunkCount, updatedAt: row.updatedAt },
            setWhere: sql`${blob.generation} < excluded.generation`,
          }),
        db.delete(blobChunk).where(and(eq(blobChunk.key, key), lt(blobChunk.generation, generation))),
        // A put that lost to a newer one removes its own chunks.
        db
          .delete(blobChunk)
          .where(and(eq(blobChunk.key, key), eq(blobChunk.generation, generation), ne(sql`(select ${blob.generation} from ${blob} where ${blob.key} = ${key})`, generation))),
      ])
    },

    async get(key) {
      const rows = await db
        .select({ size: blob.size, contentType: blob.contentType, chunkCount: blob.chunkCount, data: blobChunk.data })
        .from(blob)
        .innerJoin(blobChunk, and(eq(blobChunk.key, blob.key), eq(blobChunk.generation, blob.generation)))
        .where(eq(blob.key, key))
        .orderBy(asc(blobChunk.seq))
      const [first] = rows
      if (!first) return null
      if (rows.length !== first.chunkCount) throw new Error(`blob ${key}: ${rows.length} of ${first.chunkCount} chunks found`)
      const bytes = await decodeChunks(rows.map((row) => row.data))
      return { bytes, size: bytes.byteLength, contentType: first.contentType }
    },

    async delete(key) {
      await db.batch([db.delete(blob).where(eq(blob.key, key)), db.delete(blobChunk).where(eq(blobChunk.key, key))])
    },
  }
}
