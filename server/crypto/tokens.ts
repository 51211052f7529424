// Random secrets and their digests, with Web Crypto so both runtimes share one implementation.

/** `bytes` random bytes as base64url (no padding): 32 bytes give 43 characters, 256 bits. */
export function randomToken(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Lowercase hex SHA-256 of a string. High-entropy tokens need no salt or slow hash. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A prefixed, sortable-enough id for our own rows, e.g. `inv_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`
}
