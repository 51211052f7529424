// The database blob store on a real libSQL file: large values in chunks, whole replacement, delete.
import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { textOf } from './blob-store'
import { createDatabaseBlobStore } from './database-blob-store'

/** About 5 MB of JSON-like text that gzip cannot squeeze into one chunk: random ids among repeated keys. */
function largeDocument(bytes: number): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const part = `{"id":"${crypto.randomUUID()}","n":${i},"name":"héllo ✓ ${i.toString(36)}"},\n`
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

async function chunkRows(client: { execute: (sql: string) => Promise<{ rows: unknown[] }> }) {
  return (await client.execute('select key, generation, seq, length(data) as length from blob_chunk order by key, seq')).rows as unknown as Array<{
    key: string
    generation: string
    seq: number
    length: number
  }>
}

test('a 5 MB string comes back identical, stored in chunks of at most 1 MiB', async () => {
  const { db, client } = await tempDatabase()
  const store = createDatabaseBlobStore(db, () => Date.now())
  const text = largeDocument(5 * 1024 * 1024)
  await store.put('integrations/int_1/source', text, { contentType: 'application/json' })
  const stored = await store.get('integrations/int_1/source')
  expect(stored).not.toBeNull()
  expect(stored?.contentType).toBe('application/json')
  expect(stored?.size).toBe(new TextEncoder().encode(text).byteLength)
  expect(textOf(stored!) === text).toBe(true)
  const chunks = await chunkRows(client)
  expect(chunks.length).toBeGreaterThan(1)
  expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i))
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1024 * 1024)
})

test('bytes come back as bytes', async () => {
  const { db } = await tempDatabase()
  const store = createDatabaseBlobStore(db, () => Date.now())
  const bytes = crypto.getRandomValues(new Uint8Array(60_000))
  await store.put('raw', bytes, { contentType: 'application/octet-stream' })
  expect((await store.get('raw'))?.bytes).toEqual(bytes)
})

test('a put replaces the value and leaves no chunk of the old one', async () => {
  const { db, client } = await tempDatabase()
  let clock = 1_000
  const store = createDatabaseBlobStore(db, () => clock++)
  await store.put('k', largeDocument(3 * 1024 * 1024), { contentType: 'application/json' })
  await store.put('other', 'stays', { contentType: 'text/plain' })
  await store.put('k', 'openapi: 3.1.0\n', { contentType: 'application/yaml' })
  const stored = await store.get('k')
  expect(stored && textOf(stored)).toBe('openapi: 3.1.0\n')
  expect(stored?.contentType).toBe('application/yaml')
  const chunks = await chunkRows(client)
  expect(chunks.filter((c) => c.key === 'k')).toHaveLength(1)
  expect(textOf((await store.get('other'))!)).toBe('stays')
})

test('an older put finishing after a newer one does not replace it', async () => {
  const { db, client } = await tempDatabase()
  const store = createDatabaseBlobStore(db, () => 2_000)
  const older = createDatabaseBlobStore(db, () => 1_000)
  await store.put('k', 'newer', { contentType: 'text/plain' })
  await older.put('k', 'older', { contentType: 'text/plain' })
  expect(textOf((await store.get('k'))!)).toBe('newer')
  expect((await chunkRows(client)).filter((c) => c.key === 'k')).toHaveLength(1)
})

test('a missing key is null; delete removes the value and its chunks, and deleting nothing is fine', async () => {
  const { db, client } = await tempDatabase()
  const store = createDatabaseBlobStore(db, () => Date.now())
  expect(await store.get('nope')).toBeNull()
  await store.put('k', largeDocument(2 * 1024 * 1024), { contentType: 'application/json' })
  await store.delete('k')
  expect(await store.get('k')).toBeNull()
  expect(await chunkRows(client)).toEqual([])
  expect((await client.execute('select count(*) as n from blob')).rows[0]).toMatchObject({ n: 0 })
  await store.delete('k')
})
