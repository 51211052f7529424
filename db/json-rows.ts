// Many rows in few statements, on libSQL and D1 alike. One INSERT with a bound value per column
// per row passes SQLite's bound-variable limit (D1 binds at most 100 per statement and counts
// every statement of a batch against its per-request query limit), so rows travel as JSON: each
// statement binds one JSON array of rows and SQLite unpacks it with json_each. A chunk stays
// well under D1's largest bound value (2,000,000 bytes).

/** UTF-8 bytes of row JSON bound in one statement: half of D1's 2,000,000-byte value limit. */
export const JSON_ROWS_CHUNK_BYTES = 1_000_000

/**
 * `rows` as JSON arrays of at most JSON_ROWS_CHUNK_BYTES of UTF-8 each (a row bigger than that
 * goes alone). A row over `maxRowBytes` is refused, named by `describeRow`.
 */
export function chunkJsonRows(
  rows: unknown[][],
  options: { maxRowBytes?: number; describeRow?: (index: number) => string } = {},
): string[] {
  const chunks: string[] = []
  let pending: string[] = []
  let bytes = 0
  const flush = () => {
    if (pending.length > 0) chunks.push(`[${pending.join(',')}]`)
    pending = []
    bytes = 0
  }
  rows.forEach((row, index) => {
    const json = JSON.stringify(row)
    const size = encoder.encode(json).length + 1
    if (options.maxRowBytes !== undefined && size > options.maxRowBytes) {
      const name = options.describeRow?.(index) ?? `row ${index}`
      throw new Error(`${name} is too large to store (${size} bytes of JSON)`)
    }
    if (bytes + size > JSON_ROWS_CHUNK_BYTES) flush()
    pending.push(json)
    bytes += size
  })
  flush()
  return chunks
}

const encoder = new TextEncoder()
