import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import type { Database } from '~/db/database'
import { connection, integration } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { connectionSecretContext } from './contexts'
import { rotateStoredSecrets } from './rotate-stored-secrets'
import { createSecretBox, sealedKeyId, type SecretBox } from './secret-box'
import { SecretError } from './secret-error'

const keyA = 'key A: the one the data dir started with, long enough'
const keyB = 'key B: the one the operator rotated to, long enough'
const keyC = 'key C: a key nobody configured any more, long enough'
const created = new Date('2026-01-02T03:04:05Z')

async function boxes() {
  const [a, b, c] = await Promise.all([createSecretBox(keyA), createSecretBox(keyB), createSecretBox(keyC)])
  return { a, b, c }
}

/** A migrated database with one integration, and a trigger counting every UPDATE of a connection row. */
async function database() {
  const database = await tempDatabase()
  await database.db.insert(integration).values({
    id: 'int_1',
    slug: 'crm',
    kind: 'openapi',
    name: 'CRM',
    status: 'ready',
    createdAt: created,
    updatedAt: created,
  })
  await database.client.execute('CREATE TABLE connection_updates (id TEXT)')
  await database.client.execute(
    'CREATE TRIGGER count_connection_updates AFTER UPDATE ON connection BEGIN INSERT INTO connection_updates VALUES (new.id); END',
  )
  const updates = async () => (await database.client.execute('SELECT id FROM connection_updates')).rows.length
  return { ...database, updates }
}

async function insertConnection(db: Database, id: string, secret: string | null) {
  await db.insert(connection).values({
    id,
    integrationId: 'int_1',
    name: id,
    scope: 'org',
    authType: 'apiKey',
    authConfig: { in: 'header', name: 'x-api-key' },
    secret,
    secretUpdatedAt: secret === null ? null : created,
    createdAt: created,
    updatedAt: created,
  })
}

async function sealFor(box: SecretBox, id: string, plaintext: string) {
  return box.seal(plaintext, connectionSecretContext(id))
}

async function storedSecrets(db: Database) {
  const rows = await db.select({ id: connection.id, secret: connection.secret }).from(connection).orderBy(connection.id)
  return Object.fromEntries(rows.map((row) => [row.id, row.secret]))
}

test('moves every value under the previous key to the current key, once', async () => {
  const { a, b } = await boxes()
  const { db, updates } = await database()
  await insertConnection(db, 'con_1', await sealFor(a, 'con_1', 'one'))
  await insertConnection(db, 'con_2', await sealFor(b, 'con_2', 'two'))
  await insertConnection(db, 'con_3', await sealFor(a, 'con_3', 'three'))
  await insertConnection(db, 'con_4', null)
  const before = await storedSecrets(db)

  expect(await rotateStoredSecrets(db, { current: b, previous: a })).toBe(2)
  const after = await storedSecrets(db)
  expect(after.con_2).toBe(before.con_2) // already current: untouched
  expect(after.con_4).toBeNull()
  for (const id of ['con_1', 'con_2', 'con_3']) expect(sealedKeyId(after[id]!)).toBe(b.keyId)
  const opened = await Promise.all(['con_1', 'con_2', 'con_3'].map((id) => b.open(after[id]!, connectionSecretContext(id))))
  expect(opened).toEqual(['one', 'two', 'three'])
  expect(await updates()).toBe(2)

  // Rotation is not a credential change: the row's timestamps stay.
  const [row] = await db.select().from(connection).where(eq(connection.id, 'con_1'))
  expect(row).toMatchObject({ secretUpdatedAt: created, updatedAt: created })

  expect(await rotateStoredSecrets(db, { current: b, previous: a })).toBe(0)
  expect(await rotateStoredSecrets(db, { current: b })).toBe(0)
  expect(await storedSecrets(db)).toEqual(after)
  expect(await updates()).toBe(2)
})

test('writes nothing when every value is already under the current key, or there is none', async () => {
  const { a, b } = await boxes()
  const { db, updates } = await database()
  expect(await rotateStoredSecrets(db, { current: b, previous: a })).toBe(0)
  await insertConnection(db, 'con_1', await sealFor(b, 'con_1', 'one'))
  await insertConnection(db, 'con_2', null)
  expect(await rotateStoredSecrets(db, { current: b, previous: a })).toBe(0)
  expect(await rotateStoredSecrets(db, { current: b })).toBe(0)
  expect(await updates()).toBe(0)
})

test('a value under neither key throws and nothing is written, not even the values it could move', async () => {
  const { a, b, c } = await boxes()
  const { db, updates } = await database()
  await insertConnection(db, 'con_1', await sealFor(a, 'con_1', 'one'))
  await insertConnection(db, 'con_2', await sealFor(c, 'con_2', 'two'))
  const before = await storedSecrets(db)

  for (const boxesTried of [{ current: b, previous: a }, { current: b }, { current: c }]) {
    const error = await rotateStoredSecrets(db, boxesTried).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SecretError)
    expect((error as SecretError).code).toBe('UNKNOWN_KEY')
  }
  expect(await storedSecrets(db)).toEqual(before)
  expect(await updates()).toBe(0)
})

test('a value bound to another row does not authenticate and stops the rotation', async () => {
  const { a, b } = await boxes()
  const { db, updates } = await database()
  await insertConnection(db, 'con_1', await sealFor(a, 'con_1', 'one'))
  await insertConnection(db, 'con_2', await sealFor(a, 'con_1', 'copied from con_1'))
  const error = await rotateStoredSecrets(db, { current: b, previous: a }).catch((caught: unknown) => caught)
  expect((error as SecretError).code).toBe('NOT_AUTHENTIC')
  expect((error as SecretError).message).toContain('connection:con_2')
  expect(await updates()).toBe(0)
})

test('values too large for one JSON chunk are written in several statements of the one batch', async () => {
  const { a, b } = await boxes()
  const { db } = await database()
  // Each row carries the old and the new sealed value: ~1.1 MB of JSON, over one chunk's 1 MB.
  const big = (n: number) => String(n).repeat(400_000)
  for (const n of [1, 2, 3]) await insertConnection(db, `con_${n}`, await sealFor(a, `con_${n}`, big(n)))
  expect(await rotateStoredSecrets(db, { current: b, previous: a })).toBe(3)
  const after = await storedSecrets(db)
  for (const n of [1, 2, 3]) expect(await b.open(after[`con_${n}`]!, connectionSecretContext(`con_${n}`))).toBe(big(n))
})

/** `box`, whose seal waits until `waiters` seals have started, then runs `meanwhile` before returning. */
function gatedBox(box: SecretBox, waiters: number, meanwhile: () => Promise<void> = async () => {}): SecretBox {
  let started = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return {
    keyId: box.keyId,
    open: (stored, context) => box.open(stored, context),
    async seal(plaintext, context) {
      if (++started === waiters) release()
      await gate
      const sealed = await box.seal(plaintext, context)
      await meanwhile()
      return sealed
    },
  }
}

test('two rotations racing over the same rows write each value once; the second finds its reads stale', async () => {
  const { a, b } = await boxes()
  const { db, updates } = await database()
  await insertConnection(db, 'con_1', await sealFor(a, 'con_1', 'one'))
  // Both rotations read the row before either writes: each seal waits until both have started.
  const current = gatedBox(b, 2)
  const counts = await Promise.all([
    rotateStoredSecrets(db, { current, previous: a }),
    rotateStoredSecrets(db, { current, previous: a }),
  ])
  expect(counts.sort()).toEqual([0, 1])
  expect(await updates()).toBe(1)
  const after = await storedSecrets(db)
  expect(await b.open(after.con_1!, connectionSecretContext('con_1'))).toBe('one')
})

test('a credential saved while a rotation runs is not overwritten by the stale re-seal', async () => {
  const { a, b } = await boxes()
  const { db } = await database()
  await insertConnection(db, 'con_1', await sealFor(a, 'con_1', 'old token'))
  const saved = await sealFor(b, 'con_1', 'new token')
  const current = gatedBox(b, 1, async () => {
    await db.update(connection).set({ secret: saved }).where(eq(connection.id, 'con_1'))
  })
  expect(await rotateStoredSecrets(db, { current, previous: a })).toBe(0)
  expect((await storedSecrets(db)).con_1).toBe(saved)
})
