// The network guard's check of one URL: scheme, URL credentials, host name, then the
// name is resolved once and every address checked. It returns the one address the connection
// must use, so a connector never looks the name up again and DNS rebinding has no second answer
// to slip through.
import type { Resolver } from '../platform/types'
import { classifyIp, type AddressVerdict } from './address-ranges'
import { NetworkGuardError } from './guard-error'
import { classifyHostname, isLocalhostName } from './host-names'
import { formatIp, parseIp, type IpAddress } from './ip-address'

export interface GuardOptions {
  /** EXECUTOR_ALLOW_LOCAL_NETWORK: opens private, loopback and other local ranges, never metadata */
  readonly allowLocalNetwork: boolean
  /** looks names up; called at most once per check */
  readonly resolver: Resolver
  /** the setting refusals tell the operator to change (`ALLOW_LOCAL_NETWORK` on the Worker) */
  readonly localNetworkSetting?: string
}

export interface CheckedUrl {
  /** the parsed URL (a copy; the caller's is never changed) */
  readonly url: URL
  /** where to connect: a checked address in canonical form, without brackets */
  readonly address: string
  readonly family: 4 | 6
}

const SCHEMES = new Set(['http:', 'https:'])

/** Check `input` and return the address to connect to; throws NetworkGuardError. */
export async function checkUrl(input: string | URL, options: GuardOptions): Promise<CheckedUrl> {
  const url = parseUrl(input)
  if (!SCHEMES.has(url.protocol)) {
    throw new NetworkGuardError(
      'UNSUPPORTED_SCHEME',
      `Refused a URL with the scheme "${url.protocol.slice(0, -1)}"; only http and https are allowed`,
    )
  }
  const host = url.hostname
  // fetch() refuses these too; here they would also ride along to every redirect target.
  if (url.username !== '' || url.password !== '') {
    throw new NetworkGuardError(
      'CREDENTIALS_IN_URL',
      `Refused the URL for ${host}: a user name or password in the URL is not allowed; send credentials in a header`,
      { host },
    )
  }
  const literal = parseIp(host)
  if (literal !== null) return checked(url, literal, host, options)

  const name = classifyHostname(host)
  refuse(
    name,
    options,
    (why) => new NetworkGuardError('BLOCKED_HOST', `Refused to connect to ${host} (${name.reason})${why}`, { host }),
  )
  // RFC 6761: localhost names mean loopback whatever a resolver would say.
  if (isLocalhostName(host)) return { url, address: '127.0.0.1', family: 4 }

  const records = await resolveOnce(host, options.resolver)
  const addresses = records.map((record) => {
    const ip = parseIp(record.address)
    if (ip === null) {
      throw new NetworkGuardError(
        'DNS_FAILURE',
        `Could not resolve ${host}: the resolver returned an unreadable address`,
        { host },
      )
    }
    return ip
  })
  // Every address, not just the first: a connector or a retry could pick any of them.
  for (const ip of addresses) checkAddress(ip, host, options)
  const [first] = addresses
  if (first === undefined) {
    throw new NetworkGuardError('DNS_FAILURE', `Could not resolve ${host}: no addresses`, { host })
  }
  return { url, address: formatIp(first), family: first.family }
}

function parseUrl(input: string | URL): URL {
  try {
    return new URL(input instanceof URL ? input.href : input)
  } catch {
    // The input may hold a token; do not echo it.
    throw new NetworkGuardError('INVALID_URL', 'Refused an invalid URL: it could not be parsed')
  }
}

function checked(url: URL, ip: IpAddress, host: string, options: GuardOptions): CheckedUrl {
  checkAddress(ip, host, options)
  return { url, address: formatIp(ip), family: ip.family }
}

function checkAddress(ip: IpAddress, host: string, options: GuardOptions): void {
  const address = formatIp(ip)
  const verdict = classifyIp(ip)
  // Name the host too unless the URL already held this very address.
  const literal = parseIp(host)
  const forHost = literal !== null && formatIp(literal) === address ? '' : ` for ${host}`
  refuse(
    verdict,
    options,
    (why) =>
      new NetworkGuardError('BLOCKED_ADDRESS', `Refused to connect to ${address} (${verdict.reason})${forHost}${why}`, {
        host,
        address,
      }),
  )
}

function refuse(verdict: AddressVerdict, options: GuardOptions, error: (why: string) => NetworkGuardError): void {
  const setting = options.localNetworkSetting ?? 'EXECUTOR_ALLOW_LOCAL_NETWORK'
  if (verdict.block === 'always') {
    throw error(`; cloud metadata and link-local destinations are always blocked, even with ${setting}=true`)
  }
  if (verdict.block === 'local' && !options.allowLocalNetwork) {
    throw error(`; set ${setting}=true to allow local network destinations`)
  }
}

async function resolveOnce(host: string, resolver: Resolver) {
  try {
    const records = await resolver.resolve(host)
    if (records.length === 0) throw new Error('no addresses')
    return records
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'lookup failed'
    throw new NetworkGuardError('DNS_FAILURE', `Could not resolve ${host}: ${detail}`, { host })
  }
}
