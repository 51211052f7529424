// Standard base64 of bytes of any size, on every runtime: btoa and atob work on Latin-1 strings,
// which are built in slices, as spreading a large array into one call overflows the stack.

/** Each byte as the character of the same code (a binary string). */
export function latin1(bytes: Uint8Array): string {
  let result = ''
  for (let index = 0; index < bytes.length; index += 8192) {
    result += String.fromCharCode(...bytes.subarray(index, index + 8192))
  }
  return result
}

export function base64(bytes: Uint8Array): string {
  return btoa(latin1(bytes))
}

/** The bytes of standard base64 text (atob throws on anything else). */
export function bytesOfBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
