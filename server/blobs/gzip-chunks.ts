// The database store's encoding: gzip (CompressionStream, in Bun, Node and workerd alike), then
// base64 so each chunk is plain text that libSQL and D1 read back identically (their drivers
// disagree on how a BLOB column arrives). API descriptions are repetitive JSON or YAML, so gzip
// makes them 5 to 15 times smaller: fewer rows, less of D1's storage, for a few ms per megabyte.
import { base64, bytesOfBase64 } from '../encoding/base64'

/** gzipped bytes per chunk; base64 makes that 1 MiB of text, half of D1's 2 MB row limit. */
export const CHUNK_SOURCE_BYTES = 768 * 1024

export async function encodeChunks(bytes: Uint8Array<ArrayBuffer>, chunkBytes = CHUNK_SOURCE_BYTES): Promise<string[]> {
  const packed = await transform(bytes, new CompressionStream('gzip'))
  const chunks: string[] = []
  for (let offset = 0; offset < packed.byteLength; offset += chunkBytes) {
    chunks.push(base64(packed.subarray(offset, offset + chunkBytes)))
  }
  return chunks
}

export async function decodeChunks(chunks: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  const parts = chunks.map(bytesOfBase64)
  const packed = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    packed.set(part, offset)
    offset += part.byteLength
  }
  return transform(packed, new DecompressionStream('gzip'))
}

async function transform(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter()
  const written = writer.write(bytes).then(() => writer.close())
  const [out] = await Promise.all([new Response(stream.readable).arrayBuffer(), written])
  return new Uint8Array(out)
}
