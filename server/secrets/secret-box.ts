// Encryption of secrets at rest (integration API keys, tokens, passwords), with Web Crypto only so
// the container and the Worker share it. AES-256-GCM under a key derived with HKDF-SHA-256 from
// the master key material (`platform.secretKey`: EXECUTOR_SECRET_KEY, or the generated key file).
//
// Stored form: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). keyId is a fingerprint of the
// derived key, so a value sealed under another key is named as such instead of failing as
// "corrupt". The header and the caller's context (e.g. `connection:<id>:apiKey`) are the
// additional authenticated data: a value copied onto another row, or relabelled, fails to open.
import { decodeBase64url, encodeBase64url } from './base64url'
import { SecretError } from './secret-error'

export interface SecretBox {
  /** Encrypts `plaintext` for the record named by `context`; a fresh IV each call. */
  seal(plaintext: string, context: string): Promise<string>
  /** Decrypts a value `seal` returned for the same `context` under the same key; throws SecretError otherwise. */
  open(stored: string, context: string): Promise<string>
  /** Short, non-secret fingerprint of the derived key (8 hex characters). */
  readonly keyId: string
}

/** The version tag every stored value starts with; a new format gets a new tag. */
export const SEALED_VERSION = 'v1'
/**
 * The shortest master key accepted: the Worker's config floor (the container asks for 32).
 * Config already enforces it; this stops a box being built on an empty or placeholder string.
 */
export const MIN_MASTER_KEY_LENGTH = 16

// Fixed HKDF parameters. Changing any of them changes every key id and orphans stored values,
// so they change only with the version tag.
const HKDF_SALT = 'executor/secrets/hkdf-salt/v1'
const HKDF_INFO = 'executor secrets v1'
const KEY_ID_LABEL = 'key-id'
const IV_BYTES = 12
const TAG_BYTES = 16

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

type SealedParts = { keyId: string; iv: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> }

/** The key id a stored value names, or undefined when it is not a sealed value. No key needed. */
export function sealedKeyId(stored: string): string | undefined {
  const [version, keyId] = stored.split('.')
  return version === SEALED_VERSION && keyId !== undefined && /^[0-9a-f]{8}$/.test(keyId) ? keyId : undefined
}

function parseSealed(stored: string): SealedParts {
  const parts = stored.split('.')
  const keyId = sealedKeyId(stored)
  const iv = parts.length === 4 ? decodeBase64url(parts[2]!) : undefined
  const ciphertext = parts.length === 4 ? decodeBase64url(parts[3]!) : undefined
  if (keyId === undefined || iv?.length !== IV_BYTES || ciphertext === undefined || ciphertext.length < TAG_BYTES) {
    throw new SecretError(
      'MALFORMED',
      `this is not a sealed secret: expected the form ${SEALED_VERSION}.<keyId>.<iv>.<ciphertext>`,
    )
  }
  return { keyId, iv, ciphertext }
}

function requireContext(context: string): void {
  if (context === '') {
    throw new SecretError('MISSING_CONTEXT', 'a secret needs a context naming the record it belongs to')
  }
}

/** The header and context, bound as additional data; the header's parts have fixed shapes, so it is unambiguous. */
function additionalData(keyId: string, context: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${SEALED_VERSION}.${keyId}.${context}`)
}

async function deriveKeys(masterKey: string): Promise<{ aesKey: CryptoKey; keyId: string }> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(masterKey), 'HKDF', false, ['deriveBits'])
  const derived = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(HKDF_SALT), info: encoder.encode(HKDF_INFO) },
    material,
    256,
  )
  const aesKey = await crypto.subtle.importKey('raw', derived, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
  const hmacKey = await crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const fingerprint = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(KEY_ID_LABEL)))
  const keyId = Array.from(fingerprint.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('')
  return { aesKey, keyId }
}

/**
 * A box for one master key. The key string is used as-is (UTF-8), whether it came from the
 * environment or the key file, so moving a generated key into EXECUTOR_SECRET_KEY keeps it.
 */
export async function createSecretBox(masterKey: string): Promise<SecretBox> {
  if (masterKey.length < MIN_MASTER_KEY_LENGTH) {
    throw new SecretError(
      'WEAK_KEY',
      `the secret key must be at least ${MIN_MASTER_KEY_LENGTH} characters (got ${masterKey.length})`,
    )
  }
  const { aesKey, keyId } = await deriveKeys(masterKey)

  return {
    keyId,
    async seal(plaintext, context) {
      requireContext(context)
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: additionalData(keyId, context) },
        aesKey,
        encoder.encode(plaintext),
      )
      return [SEALED_VERSION, keyId, encodeBase64url(iv), encodeBase64url(new Uint8Array(ciphertext))].join('.')
    },
    async open(stored, context) {
      requireContext(context)
      const sealed = parseSealed(stored)
      if (sealed.keyId !== keyId) {
        throw new SecretError(
          'WRONG_KEY',
          `this secret was sealed with key ${sealed.keyId}, not the current key ${keyId}: ` +
            'set EXECUTOR_SECRET_KEY_PREVIOUS to the old key so it can be re-encrypted',
          { sealedWith: sealed.keyId },
        )
      }
      let plaintext: ArrayBuffer
      try {
        plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.iv, additionalData: additionalData(keyId, context) },
          aesKey,
          sealed.ciphertext,
        )
      } catch {
        throw new SecretError(
          'NOT_AUTHENTIC',
          `the secret for ${context} does not authenticate under key ${keyId}: ` +
            'it was altered, or it belongs to another record',
          { sealedWith: sealed.keyId },
        )
      }
      return decoder.decode(plaintext)
    },
  }
}
