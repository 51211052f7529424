// Counts failed sign-ins per key (client IP + email, and client IP alone) in a fixed window.
// Only failures count, so people who type their password right are never slowed down.
export type FailureLimiter = {
  /** milliseconds until `key` may try again, 0 when it may now */
  blockedFor(key: string, now: number): number
  recordFailure(key: string, now: number): void
  reset(key: string): void
}

export function createFailureLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): FailureLimiter {
  const maxKeys = options.maxKeys ?? 10_000
  const windows = new Map<string, { start: number; failures: number }>()
  const current = (key: string, now: number) => {
    const entry = windows.get(key)
    if (!entry || now - entry.start >= options.windowMs) return undefined
    return entry
  }
  return {
    blockedFor(key, now) {
      const entry = current(key, now)
      return entry && entry.failures >= options.limit ? entry.start + options.windowMs - now : 0
    },
    recordFailure(key, now) {
      const entry = current(key, now)
      if (entry) {
        entry.failures += 1
        return
      }
      // Bounded memory under a flood of distinct keys: forget the oldest window first.
      if (windows.size >= maxKeys) {
        const oldest = windows.keys().next().value
        if (oldest !== undefined) windows.delete(oldest)
      }
      windows.delete(key)
      windows.set(key, { start: now, failures: 1 })
    },
    reset(key) {
      windows.delete(key)
    },
  }
}
