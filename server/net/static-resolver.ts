// The in-memory Resolver for tests: a fixed table of names, with the calls it saw,
// so a test can prove the guard asked once and never for a refused name.
import type { ResolvedAddress, Resolver } from '../platform/types'

export interface StaticResolver extends Resolver {
  /** every name asked for, in order */
  readonly calls: string[]
}

/**
 * Answers each name from `records`; a function value is called per lookup (to change answers
 * between calls, as a rebinding DNS server would). Unknown names fail like ENOTFOUND.
 */
export function createStaticResolver(records: Record<string, string[] | ((call: number) => string[])>): StaticResolver {
  const calls: string[] = []
  return {
    calls,
    async resolve(hostname) {
      calls.push(hostname)
      // No search domains here, so a fully qualified name (trailing dot) is the same name.
      const entry = records[hostname.replace(/\.$/, '')]
      if (entry === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`)
      const addresses = typeof entry === 'function' ? entry(calls.filter((name) => name === hostname).length) : entry
      return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
  }
}
