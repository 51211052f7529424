// In-memory KeyFileStore for tests of code that needs key material without touching disk.
import type { KeyFileStore } from './secrets'

export function createMemoryKeyFileStore(initial: Record<string, string> = {}): KeyFileStore & {
  files: Map<string, string>
} {
  const files = new Map(Object.entries(initial))
  return {
    files,
    async readOrCreate(name) {
      const existing = files.get(name)
      if (existing !== undefined) return existing.trim()
      const bytes = crypto.getRandomValues(new Uint8Array(32))
      const key = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
      files.set(name, key)
      return key
    },
  }
}
