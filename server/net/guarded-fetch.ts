// The outbound HTTP client for everything the sandbox reaches: every hop is checked by
// the guard and connected to the checked address through the platform's connector; redirects
// are followed here, by hand, as browsers follow them, so each Location is checked before any
// byte goes to it and credentials never cross to another origin.
//
// Credentials in the query string are the caller's concern: the guard never copies a query
// string to a redirect target (a Location replaces the whole URL), so they reach only the URL
// the caller built and whatever the server itself puts into Location.
import type { HttpConnector, Resolver } from '../platform/types'
import { checkUrl, type CheckedUrl, type GuardOptions } from './guard'
import { NetworkGuardError } from './guard-error'

export interface GuardedFetchOptions {
  readonly resolver: Resolver
  readonly connector: HttpConnector
  /** EXECUTOR_ALLOW_LOCAL_NETWORK: opens private ranges, never metadata */
  readonly allowLocalNetwork: boolean
  /** redirects followed before TOO_MANY_REDIRECTS; 10 by default */
  readonly maxRedirects?: number
  /** the setting refusals name (`ALLOW_LOCAL_NETWORK` on the Worker) */
  readonly localNetworkSetting?: string
}

export interface GuardedRequestInit extends RequestInit {
  /** injected credential headers (`X-API-Key`…), dropped with Authorization and Cookie on a cross-origin redirect */
  credentialHeaders?: readonly string[]
}

export type GuardedFetch = (input: string | URL, init?: GuardedRequestInit) => Promise<Response>

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const CROSS_ORIGIN_DROPPED = ['authorization', 'cookie', 'proxy-authorization']
// Fetch spec, HTTP-redirect fetch: a redirect that turns into GET loses its body and these.
const REQUEST_BODY_HEADERS = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
]
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])

/** A fetch whose every hop passes the network guard; throws NetworkGuardError when one does not. */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const maxRedirects = options.maxRedirects ?? 10
  const guard: GuardOptions = {
    allowLocalNetwork: options.allowLocalNetwork,
    resolver: options.resolver,
    localNetworkSetting: options.localNetworkSetting,
  }
  return async (input, init = {}) => {
    const { credentialHeaders = [], redirect = 'follow', ...rest } = init
    const upper = (rest.method ?? 'GET').toUpperCase()
    let method = NORMALIZED_METHODS.has(upper) ? upper : (rest.method ?? 'GET')
    let body = rest.body ?? null
    const headers = new Headers(rest.headers)
    let target: string | URL = input
    let previous: URL | undefined

    for (let hop = 0; ; hop++) {
      const current = await checkHop(target, guard, previous)
      const response = await options.connector.fetch(current.url, current.address, {
        ...rest,
        method,
        headers: new Headers(headers),
        body,
        redirect: 'manual',
      })
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null
      if (location === null || redirect === 'manual') return withUrl(response, current.url, hop > 0)
      await response.body?.cancel()
      const host = current.url.host
      if (redirect === 'error') {
        throw new NetworkGuardError(
          'REDIRECT_REFUSED',
          `${host} answered with a redirect, and this request does not follow redirects`,
          { host },
        )
      }
      if (hop >= maxRedirects) {
        throw new NetworkGuardError(
          'TOO_MANY_REDIRECTS',
          `Stopped after ${maxRedirects} redirects; the last came from ${host}`,
          { host },
        )
      }
      const next = resolveLocation(location, current.url)
      if (
        (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
        (response.status <= 302 && method === 'POST')
      ) {
        method = 'GET'
        body = null
        for (const name of REQUEST_BODY_HEADERS) headers.delete(name)
      } else if (body instanceof ReadableStream) {
        // A streamed body is spent; fetch refuses to replay one too.
        throw new NetworkGuardError(
          'REDIRECT_REFUSED',
          `${host} redirected a request whose streamed body cannot be sent again`,
          { host },
        )
      }
      if (next.origin !== current.url.origin) {
        // Once dropped they stay dropped, even if a later hop returns to the first origin.
        for (const name of [...CROSS_ORIGIN_DROPPED, ...credentialHeaders]) headers.delete(name)
      }
      previous = current.url
      target = next
    }
  }
}

async function checkHop(target: string | URL, guard: GuardOptions, previous: URL | undefined): Promise<CheckedUrl> {
  try {
    return await checkUrl(target, guard)
  } catch (error) {
    if (previous === undefined || !(error instanceof NetworkGuardError)) throw error
    throw new NetworkGuardError(error.code, `${error.message} (redirected from ${previous.host})`, {
      host: error.host,
      address: error.address,
    })
  }
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base)
  } catch {
    throw new NetworkGuardError('INVALID_URL', `${base.host} redirected to an invalid URL`, { host: base.host })
  }
}

/** Connectors build their Response by hand, so the final URL is set here, as fetch would. */
function withUrl(response: Response, url: URL, redirected: boolean): Response {
  Object.defineProperties(response, {
    url: { value: url.href },
    redirected: { value: redirected },
  })
  return response
}
