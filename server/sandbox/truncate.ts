// Result and log size limits cut text rather than fail the execution; both count
// UTF-8 bytes, what the text costs once stored or sent.

/** UTF-8 length of `text` without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  // Every code unit is at least one byte; add what wider characters cost on top.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2
  }
  return bytes
}

/** Longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a surrogate pair. */
export function cutUtf8(text: string, maxBytes: number): { kept: string; droppedBytes: number } {
  if (text.length * 3 <= maxBytes) return { kept: text, droppedBytes: 0 }
  let bytes = 0
  let end = 0
  while (end < text.length) {
    const code = text.charCodeAt(end)
    const pair = code >= 0xd800 && code <= 0xdbff && end + 1 < text.length
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3
    if (bytes + size > maxBytes) break
    bytes += size
    end += pair ? 2 : 1
  }
  if (end === text.length) return { kept: text, droppedBytes: 0 }
  return { kept: text.slice(0, end), droppedBytes: utf8Length(text.slice(end)) }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** Appended where text was cut, e.g. `…[truncated: 1.2 MiB more]`. */
export function truncationMarker(droppedBytes: number): string {
  return `…[truncated: ${formatBytes(droppedBytes)} more]`
}
