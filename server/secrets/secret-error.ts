// The one error of the secret box. Its message is for the operator reading a log: it names key
// ids (fingerprints, not keys) and the context (a record name), never the plaintext, the stored
// ciphertext or any key material.
export type SecretErrorCode =
  /** the master key is too short to derive a key from */
  | 'WEAK_KEY'
  /** the context (the additional authenticated data) is empty */
  | 'MISSING_CONTEXT'
  /** the stored value is not in the `v1.<keyId>.<iv>.<ciphertext>` form */
  | 'MALFORMED'
  /** the value was sealed under another key than the one asked to open it */
  | 'WRONG_KEY'
  /** the value is under neither the current nor the previous key */
  | 'UNKNOWN_KEY'
  /** the value does not authenticate: altered, or copied from another context */
  | 'NOT_AUTHENTIC'

export class SecretError extends Error {
  readonly code: SecretErrorCode
  /** the key id the stored value names, when it could be read */
  readonly sealedWith?: string

  constructor(code: SecretErrorCode, message: string, details: { sealedWith?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'SecretError'
    this.code = code
    this.sealedWith = details.sealedWith
  }
}
