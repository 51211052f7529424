// The MCP tool name a tool goes by in a toolkit's direct mode. Tool paths are dot-separated
// segments of letters, digits and `_`, so each `.` becomes `-` and the name reads back to its path
// (`github.org.main.issues.create` → `github-org-main-issues-create`). Names stay within
// `^[A-Za-z0-9_-]{1,64}$`, what the strictest clients accept: a longer one keeps its first 55
// characters and ends with `-` and 8 hex digits of a hash of the whole path.

export const MAX_DIRECT_NAME_LENGTH = 64
const KEPT_PREFIX = 55

export function directToolName(path: string): string {
  const name = path.replaceAll('.', '-')
  if (name.length <= MAX_DIRECT_NAME_LENGTH) return name
  return `${name.slice(0, KEPT_PREFIX)}-${fnv1a(path)}`
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable across runtimes, no crypto needed. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
