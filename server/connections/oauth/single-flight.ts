// One piece of work per key at a time within this process (a container process, a Worker
// isolate): callers that arrive while it runs share its promise instead of starting another.
export function createSingleFlight<T>() {
  const running = new Map<string, Promise<T>>()
  return {
    run(key: string, work: () => Promise<T>): Promise<T> {
      const current = running.get(key)
      if (current) return current
      const started = work().finally(() => running.delete(key))
      running.set(key, started)
      return started
    },
    /** how many keys have work running (for tests) */
    get size() {
      return running.size
    },
  }
}
