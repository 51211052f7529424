// An MCP tool's name as a tool path segment (^[A-Za-z0-9_]+$): `get-issue` → `get_issue`,
// `repo.list` → `repo_list`. The original name is kept on the tool and used on the wire. Names
// must not change between two reads of the same list, so collisions are settled over the names
// sorted, not in the order a server happens to list them.

/** `get-issue` → `get_issue`; `2fa` → `_2fa`; nothing usable → `tool`. */
export function pathSegment(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name
  const joined = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  if (joined === '') return 'tool'
  return /^[0-9]/.test(joined) ? `_${joined}` : joined
}

/**
 * Each name's unique path segment. Names that sanitize alike (`a-b`, `a.b`, `a_b`): a name
 * already valid keeps its segment, then the rest in sorted order get `_2`, `_3`…
 */
export function assignToolPaths(names: readonly string[]): Map<string, string> {
  const unique = [...new Set(names)]
  const sorted = unique.sort((a, b) => {
    const exactA = pathSegment(a) === a
    const exactB = pathSegment(b) === b
    if (exactA !== exactB) return exactA ? -1 : 1
    return a < b ? -1 : a > b ? 1 : 0
  })
  const taken = new Set(sorted.filter((name) => pathSegment(name) === name))
  const paths = new Map<string, string>()
  for (const name of sorted) {
    const base = pathSegment(name)
    if (base === name) {
      paths.set(name, name)
      continue
    }
    let candidate = base
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`
    taken.add(candidate)
    paths.set(name, candidate)
  }
  return paths
}
