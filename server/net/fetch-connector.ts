// A connector for runtimes whose fetch cannot be told where to connect (workerd): it sends the
// request by name, so the runtime resolves the host again after the guard did. That reopens the
// DNS rebinding window the pinned connector closes (server/platform/bun-net.ts); use it only
// where the network itself keeps private ranges out of reach, as Cloudflare's edge does.
import type { HttpConnector } from '../platform/types'

/** The part of fetch the network code uses (Bun's `typeof fetch` adds extras). */
export type FetchFunction = (input: URL, init?: RequestInit) => Promise<Response>

// Wrapping the global means workerd never sees fetch called with a foreign `this`.
export const globalFetch: FetchFunction = (input, init) => fetch(input, init)

/** Sends each request with `fetchImpl`, by name; `address` was checked but cannot be enforced. */
export function createUnpinnedConnector(fetchImpl: FetchFunction = globalFetch): HttpConnector {
  return {
    fetch: (url, _address, init) => fetchImpl(url, { ...init, redirect: 'manual' }),
  }
}
