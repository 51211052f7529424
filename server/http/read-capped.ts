// Reading a body without ever holding more than a limit: refused from its declared length when
// that already says too much, otherwise counted as it arrives and abandoned the moment it passes
// the limit. Shared by request bodies and by documents fetched from elsewhere.

/** The whole of `body`, at most `maxBytes` of it; throws `tooLarge()` as soon as there is more. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredLength !== null && /^\d+$/.test(declaredLength.trim()) && Number(declaredLength) > maxBytes) {
    await body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (!body) return new Uint8Array()
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  if (chunks.length === 1 && chunks[0]?.buffer instanceof ArrayBuffer && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) {
    return chunks[0] as Uint8Array<ArrayBuffer>
  }
  const all = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}
