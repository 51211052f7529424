// Every request oauth4webapi makes for Executor (discovery, registration, token grants) goes
// through the guarded fetch, so the network guard checks authorization servers exactly as it
// checks the APIs themselves.
import * as oauth from 'oauth4webapi'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { isLoopbackHostname } from '../../http/loopback'

/** A token endpoint or discovery request waits at most this long. */
export const OAUTH_REQUEST_TIMEOUT_MS = 15_000

/**
 * Request options for oauth4webapi. Plain http is allowed only for a loopback host (a local
 * authorization server, as in tests; the guard still refuses loopback unless local network
 * access is on): anywhere else tokens would cross the network in the clear.
 */
export function oauthRequestOptions(fetch: GuardedFetch, url: string | URL) {
  return {
    [oauth.customFetch]: (target: string, init: RequestInit) => fetch(target, init),
    [oauth.allowInsecureRequests]: isPlainHttpLoopback(url),
    signal: () => AbortSignal.timeout(OAUTH_REQUEST_TIMEOUT_MS),
  }
}

function isPlainHttpLoopback(url: string | URL): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname)
  } catch {
    return false
  }
}
