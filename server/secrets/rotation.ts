// Key rotation: values sealed under the previous master key are opened with it and sealed again
// under the current one. Pure: it returns what to write, and the caller's transaction writes it,
// so a value under neither key stops the whole rotation before anything is written.
import { sealedKeyId, type SecretBox } from './secret-box'
import { SecretError } from './secret-error'

export type SecretBoxes = {
  /** the box of EXECUTOR_SECRET_KEY: every value ends up under it */
  current: SecretBox
  /** the box of the key being retired, when one is configured */
  previous?: SecretBox
}

export type StoredSecret<TId> = { id: TId; context: string; stored: string }

export type Rotation<TId> = {
  /** the values that moved to the current key: write each `stored` back to its `id` */
  resealed: Array<{ id: TId; stored: string }>
  /** how many values moved (`resealed.length`) */
  count: number
}

/** `stored` sealed under `boxes.current`, or undefined when it already is (nothing to write). */
export async function reseal(stored: string, context: string, boxes: SecretBoxes): Promise<string | undefined> {
  const keyId = sealedKeyId(stored)
  if (keyId === undefined) {
    throw new SecretError('MALFORMED', `the secret for ${context} is not a sealed value`)
  }
  if (keyId === boxes.current.keyId) return undefined
  if (keyId === boxes.previous?.keyId) {
    return boxes.current.seal(await boxes.previous.open(stored, context), context)
  }
  const previous = boxes.previous ? `the previous key ${boxes.previous.keyId}` : 'a previous key (none is set)'
  throw new SecretError(
    'UNKNOWN_KEY',
    `the secret for ${context} was sealed with key ${keyId}, which is neither the current key ` +
      `${boxes.current.keyId} nor ${previous}: set EXECUTOR_SECRET_KEY_PREVIOUS to the key it was sealed with`,
    { sealedWith: keyId },
  )
}

/**
 * Every value of `values` not yet under the current key, sealed under it. Throws on the first
 * value that cannot be opened, before the caller has written anything.
 */
export async function rotateAll<TId>(values: Array<StoredSecret<TId>>, boxes: SecretBoxes): Promise<Rotation<TId>> {
  const resealed: Rotation<TId>['resealed'] = []
  for (const { id, context, stored } of values) {
    const next = await reseal(stored, context, boxes)
    if (next !== undefined) resealed.push({ id, stored: next })
  }
  return { resealed, count: resealed.length }
}
