// Policy patterns: tool paths with `*` as the only wildcard. A `*` matches any run of
// characters, dots included, so `github.*` covers every GitHub tool at any depth and
// `*.delete*` any path with a segment starting with `delete`. Matching ignores case and must
// cover the whole path.

export const MAX_PATTERN_LENGTH = 200

const ALLOWED = /^[A-Za-z0-9_$.*-]*$/

/** Why `pattern` cannot be a policy pattern, in words for the person who typed it; undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'Enter a pattern, e.g. github.* or *.delete*'
  if (pattern.length > MAX_PATTERN_LENGTH) return `A pattern has at most ${MAX_PATTERN_LENGTH} characters (this one has ${pattern.length})`
  if (/\s/.test(pattern)) return 'A pattern cannot contain spaces or other whitespace'
  if (!ALLOWED.test(pattern)) {
    const bad = [...new Set([...pattern].filter((char) => !ALLOWED.test(char)))].join(' ')
    return `A pattern may only contain letters, digits, _ $ - . and * (not ${bad})`
  }
  if (pattern.includes('**')) return 'Use a single * : one * already matches across dots'
  if (pattern.startsWith('.') || pattern.endsWith('.')) return 'A pattern cannot start or end with a dot'
  if (pattern.includes('..')) return 'A pattern cannot have an empty segment (two dots in a row)'
  return undefined
}

/**
 * The anchored, case-insensitive RegExp for `pattern`. Every character but `*` is literal.
 * Naive `.*` translation backtracks exponentially on patterns like `*a*a*a*b` against a long
 * run of `a`s; here each literal between two stars is matched at its earliest place and then
 * committed to (`(?=(…))\1` is an atomic group in JavaScript), which is always right for globs
 * whose only wildcard is `*`, so matching stays linear in the pattern times the path.
 */
export function compilePattern(pattern: string): RegExp {
  const parts = pattern.split('*').map(escapeRegExp)
  if (parts.length === 1) return new RegExp(`^${parts[0]}$`, 'is')
  const first = parts[0] ?? ''
  const last = parts.at(-1) ?? ''
  const middle = parts.slice(1, -1).filter((part) => part !== '')
  const committed = middle.map((part, i) => `(?=(.*?${part}))\\${i + 1}`).join('')
  return new RegExp(`^${first}${committed}.*${last}$`, 'is')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
