// Key rotation over the database: every stored secret still sealed under the previous master key
// is sealed again under the current one, all in one batch (one transaction on libSQL and D1), so
// a failure leaves every value as it was. Each write is conditional on the row still holding the
// value that was read: a racing rotation (two isolates, two containers on one file) or a
// credential saved meanwhile is never overwritten with a stale re-seal.
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { chunkJsonRows } from '~/db/json-rows'
import { connection } from '~/db/schema'
import { connectionSecretContext } from './contexts'
import { rotateAll, type SecretBoxes } from './rotation'

/**
 * Re-seals every `connection.secret` not under `boxes.current` and returns how many rows it
 * changed: 0, with no write at all, when every value already is. Throws SecretError (and writes
 * nothing) when a value is under neither key or does not authenticate.
 */
export async function rotateStoredSecrets(db: Database, boxes: SecretBoxes): Promise<number> {
  const stored = await db
    .select({ id: connection.id, secret: connection.secret })
    .from(connection)
    .where(isNotNull(connection.secret))
  const rotation = await rotateAll(
    stored.map(({ id, secret }) => ({ id, context: connectionSecretContext(id), stored: secret! })),
    boxes,
  )
  if (rotation.count === 0) return 0

  const was = new Map(stored.map(({ id, secret }) => [id, secret!]))
  // Each row is [id, value read, re-sealed value]; a chunk is one UPDATE … FROM json_each.
  const chunks = chunkJsonRows(rotation.resealed.map(({ id, stored: next }) => [id, was.get(id), next]))
  const [first, ...rest] = chunks.map((rows) =>
    db
      .update(connection)
      .set({ secret: sql`json_extract(rotated.value, '$[2]')` })
      .from(sql`json_each(${rows}) as rotated`)
      .where(
        and(
          eq(connection.id, sql`json_extract(rotated.value, '$[0]')`),
          eq(connection.secret, sql`json_extract(rotated.value, '$[1]')`),
        ),
      )
      .returning({ id: connection.id }),
  )
  const written = await db.batch([first!, ...rest])
  return written.reduce((count, rows) => count + rows.length, 0)
}
