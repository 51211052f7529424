// The secret box requests use: seals under the current key, and opens a value sealed under the
// previous key too. Boot re-seals everything under the current key, but on the Worker isolates of
// the version being replaced can still seal new credentials with the old key for a few minutes
// after a key change; those must open as well, not fail until the next isolate's rotation.
import { createSecretBox, sealedKeyId, type SecretBox } from './secret-box'

export async function createKeyRing(current: string, previous?: string): Promise<SecretBox> {
  const box = await createSecretBox(current)
  if (previous === undefined) return box
  const old = await createSecretBox(previous)
  return {
    keyId: box.keyId,
    seal: (plaintext, context) => box.seal(plaintext, context),
    open: (stored, context) => (sealedKeyId(stored) === old.keyId && old.keyId !== box.keyId ? old.open(stored, context) : box.open(stored, context)),
  }
}
