// Tool names for a schema's root fields: `query.<field>` and `mutation.<field>`. GraphQL names
// already fit tool path segments (^[A-Za-z0-9_]+$), but a segment must also not be one the
// sandbox's `tools` proxy or JavaScript reserves, and names must not change between imports of
// the same schema: collisions are settled in the schema's sorted field order, the first keeping
// its name and later ones getting `_2`, `_3`…

const RESERVED_SEGMENTS = new Set(['constructor', 'prototype', '__proto__', 'then', 'toString', 'valueOf'])

/** A field name as a path segment: characters outside [A-Za-z0-9_] become `_`; reserved ones get a trailing `_`. */
export function segmentFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_') || '_'
  return RESERVED_SEGMENTS.has(cleaned) ? `${cleaned}_` : cleaned
}

/** Unique segments for `names`, keyed by the original name. */
export function assignSegments(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>()
  const result = new Map<string, string>()
  for (const name of [...names].sort()) {
    const base = segmentFor(name)
    let candidate = base
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`
    taken.add(candidate)
    result.set(name, candidate)
  }
  return result
}
