// Host names the network guard refuses before asking DNS: cloud metadata names always,
// and names that by standard never leave the local network unless the operator allows it. The
// address check after resolution is the real wall; this list gives clear messages and keeps
// such names out of DNS queries.
import type { AddressVerdict } from './address-ranges'

// Names only: each resolves to a metadata address that the address check refuses anyway, but
// refusing the name says why and works whatever the local resolver answers.
const METADATA_NAMES = new Map<string, string>([
  ['metadata.google.internal', 'Google Cloud metadata server name'],
  ['metadata.goog', 'Google Cloud metadata server name'],
  // Resolves through the instance's search domain (google.internal) on Google Cloud.
  ['metadata', 'Google Cloud metadata server short name'],
  // Resolves through the VPC search domain (ec2.internal, <region>.compute.internal) on AWS.
  ['instance-data', 'AWS EC2 metadata short name'],
  ['metadata.tencentyun.com', 'Tencent Cloud metadata name'],
])

const AWS_INSTANCE_DATA = /^instance-data\.(?:ec2|[a-z0-9-]+\.compute)\.internal$/

// Special-use names (RFC 6761 localhost, RFC 6762 .local, RFC 8375 .home.arpa, ICANN's 2024
// .internal): they only ever name hosts on the local network.
const LOCAL_SUFFIXES: readonly [string, string][] = [
  ['localhost', 'localhost name'],
  ['internal', 'private-use .internal name'],
  ['local', 'multicast DNS .local name'],
  ['home.arpa', 'home network .home.arpa name'],
]

/** Lowercase, without the trailing dots that make a name fully qualified but name the same host. */
export function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '')
}

/** `localhost` and `*.localhost`, which RFC 6761 says always mean this host's loopback. */
export function isLocalhostName(hostname: string): boolean {
  const name = normalizeHostname(hostname)
  return name === 'localhost' || name.endsWith('.localhost')
}

/** Whether the guard may look `hostname` up, and why not. */
export function classifyHostname(hostname: string): AddressVerdict {
  const name = normalizeHostname(hostname)
  const metadata = METADATA_NAMES.get(name) ?? (AWS_INSTANCE_DATA.test(name) ? 'AWS EC2 metadata name' : undefined)
  if (metadata !== undefined) return { block: 'always', reason: metadata }
  for (const [suffix, reason] of LOCAL_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) return { block: 'local', reason }
  }
  return { block: null, reason: 'public name' }
}
