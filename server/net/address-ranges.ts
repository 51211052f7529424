// Which addresses the network guard refuses, after the IANA IPv4 and IPv6
// special-purpose address registries. Two levels: cloud metadata is refused always; every other
// non-public range only until the operator sets EXECUTOR_ALLOW_LOCAL_NETWORK=true. IPv6 forms
// that carry an IPv4 address (mapped, translated, compatible, NAT64, 6to4, Teredo) are judged by
// the address they carry, so no wrapping reaches 127.0.0.1 or 169.254.169.254.
import { formatIPv4, parseIPv4, parseIPv6, type IpAddress } from './ip-address'

/** `always`: refused even when the local network is allowed; `local`: refused unless it is. */
export type BlockLevel = 'always' | 'local'

export interface AddressVerdict {
  /** null when the address is public and may be used */
  readonly block: BlockLevel | null
  /** what the address is, for the refusal message */
  readonly reason: string
}

interface Range<TValue> {
  readonly base: TValue
  readonly bits: number
  readonly verdict: AddressVerdict
}

const PUBLIC: AddressVerdict = { block: null, reason: 'public address' }

function ipv4(cidr: string, block: BlockLevel, reason: string): Range<number> {
  const [text = '', bits = '32'] = cidr.split('/')
  const base = parseIPv4(text)
  if (base === null) throw new Error(`bad IPv4 range ${cidr}`)
  return { base, bits: Number(bits), verdict: { block, reason } }
}

function ipv6(cidr: string, block: BlockLevel, reason: string): Range<bigint> {
  const [text = '', bits = '128'] = cidr.split('/')
  const base = parseIPv6(text)
  if (base === null) throw new Error(`bad IPv6 range ${cidr}`)
  return { base: base.value, bits: Number(bits), verdict: { block, reason } }
}

// First match wins, so single addresses come before the ranges that hold them.
const IPV4_RANGES: readonly Range<number>[] = [
  ipv4(
    '169.254.169.254/32',
    'always',
    'cloud metadata address of AWS, Google Cloud, Azure, Oracle, DigitalOcean and OpenStack',
  ),
  ipv4('169.254.170.2/32', 'always', 'AWS ECS task metadata and credentials address'),
  ipv4('169.254.170.23/32', 'always', 'AWS EKS Pod Identity credentials address'),
  ipv4('169.254.42.42/32', 'always', 'Scaleway metadata address'),
  // All of link-local, not just the known services: providers keep adding endpoints there
  // (Tencent 169.254.0.23, AWS DNS 169.254.169.253, ECS, EKS) and no API lives on it.
  ipv4('169.254.0.0/16', 'always', 'link-local address, where cloud metadata services live'),
  ipv4('100.100.100.200/32', 'always', 'Alibaba Cloud metadata address'),
  // A public address that only answers inside Azure: the host agent hands out goal state and
  // extension settings there, so it counts as metadata.
  ipv4('168.63.129.16/32', 'always', 'Azure WireServer (platform metadata) address'),
  ipv4('192.0.0.192/32', 'always', 'Oracle Cloud Classic metadata address'),
  // 0.0.0.0 reaches this host on Linux and macOS.
  ipv4('0.0.0.0/32', 'local', 'unspecified address'),
  ipv4('0.0.0.0/8', 'local', '"this network" address'),
  ipv4('10.0.0.0/8', 'local', 'private network address'),
  ipv4('100.64.0.0/10', 'local', 'carrier-grade NAT (shared) address'),
  ipv4('127.0.0.0/8', 'local', 'loopback address'),
  ipv4('172.16.0.0/12', 'local', 'private network address'),
  ipv4('192.0.0.0/24', 'local', 'IETF protocol assignment address'),
  ipv4('192.0.2.0/24', 'local', 'documentation (TEST-NET-1) address'),
  ipv4('192.88.99.0/24', 'local', 'deprecated 6to4 relay address'),
  ipv4('192.168.0.0/16', 'local', 'private network address'),
  ipv4('198.18.0.0/15', 'local', 'benchmarking address'),
  ipv4('198.51.100.0/24', 'local', 'documentation (TEST-NET-2) address'),
  ipv4('203.0.113.0/24', 'local', 'documentation (TEST-NET-3) address'),
  ipv4('224.0.0.0/4', 'local', 'multicast address'),
  ipv4('255.255.255.255/32', 'local', 'broadcast address'),
  ipv4('240.0.0.0/4', 'local', 'reserved address'),
]

const IPV6_METADATA: readonly Range<bigint>[] = [
  ipv6('fd00:ec2::254/128', 'always', 'AWS EC2 metadata address'),
  ipv6('fd00:ec2::23/128', 'always', 'AWS EKS Pod Identity credentials address'),
  ipv6('fd20:ce::254/128', 'always', 'Google Cloud metadata address'),
  ipv6('fd00:42::42/128', 'always', 'Scaleway metadata address'),
]

const IPV6_RANGES: readonly Range<bigint>[] = [
  ipv6('100::/64', 'local', 'discard-only address'),
  ipv6('2001:2::/48', 'local', 'benchmarking address'),
  ipv6('2001:10::/28', 'local', 'deprecated ORCHID address'),
  ipv6('2001:db8::/32', 'local', 'documentation address'),
  ipv6('3fff::/20', 'local', 'documentation address'),
  ipv6('5f00::/16', 'local', 'SRv6 segment identifier address'),
  ipv6('fc00::/7', 'local', 'unique local (private network) address'),
  ipv6('fe80::/10', 'local', 'link-local address'),
  ipv6('fec0::/10', 'local', 'deprecated site-local address'),
  ipv6('ff00::/8', 'local', 'multicast address'),
]

const UNSPECIFIED: AddressVerdict = { block: 'local', reason: 'unspecified address' }
const LOOPBACK: AddressVerdict = { block: 'local', reason: 'loopback address' }
const MAPPED = ipv6('::ffff:0:0/96', 'local', 'IPv4-mapped')
const TRANSLATED = ipv6('::ffff:0:0:0/96', 'local', 'IPv4-translated')
const COMPATIBLE = ipv6('::/96', 'local', 'deprecated IPv4-compatible address')
const NAT64 = ipv6('64:ff9b::/96', 'local', 'NAT64')
const LOCAL_NAT64 = ipv6('64:ff9b:1::/48', 'local', 'local-use NAT64 address')
const SIX_TO_FOUR = ipv6('2002::/16', 'local', '6to4')
const TEREDO = ipv6('2001::/32', 'local', 'Teredo tunnelling address')
const GLOBAL_UNICAST = ipv6('2000::/3', 'local', 'reserved address outside global unicast (2000::/3)')

function inIPv4Range(value: number, range: Range<number>): boolean {
  const size = 2 ** (32 - range.bits)
  return Math.floor(value / size) === Math.floor(range.base / size)
}

function inIPv6Range(value: bigint, range: Range<bigint>): boolean {
  const shift = BigInt(128 - range.bits)
  return value >> shift === range.base >> shift
}

function classifyIPv4(value: number): AddressVerdict {
  return IPV4_RANGES.find((range) => inIPv4Range(value, range))?.verdict ?? PUBLIC
}

/** The IPv4 address an IPv6 form carries decides, so `::ffff:127.0.0.1` is loopback. */
function carried(value: number, form: string, otherwise: AddressVerdict): AddressVerdict {
  const inner = classifyIPv4(value)
  if (inner.block === null) return otherwise
  return { block: inner.block, reason: `${inner.reason} ${formatIPv4(value)} in ${form} form` }
}

function low32(value: bigint): number {
  return Number(value & 0xffffffffn)
}

/** RFC 6052 places the IPv4 address by prefix length (/48, /56, /64, /96), skipping bits 64–71. */
function nat64Candidates(value: bigint): number[] {
  const byte = (index: number) => Number((value >> BigInt(120 - index * 8)) & 0xffn)
  const join = (indices: number[]) => indices.reduce((sum, index) => sum * 256 + byte(index), 0)
  return [join([6, 7, 9, 10]), join([7, 9, 10, 11]), join([9, 10, 11, 12]), join([12, 13, 14, 15])]
}

/** Of several carried IPv4 addresses, the first one that is always blocked. */
function alwaysBlocked(candidates: number[], form: string): AddressVerdict | undefined {
  for (const candidate of candidates) {
    const verdict = carried(candidate, form, PUBLIC)
    if (verdict.block === 'always') return verdict
  }
  return undefined
}

function classifyIPv6(value: bigint): AddressVerdict {
  const metadata = IPV6_METADATA.find((range) => inIPv6Range(value, range))
  if (metadata) return metadata.verdict
  if (value === 0n) return UNSPECIFIED
  if (value === 1n) return LOOPBACK
  if (inIPv6Range(value, MAPPED)) return carried(low32(value), 'IPv4-mapped IPv6', PUBLIC)
  if (inIPv6Range(value, TRANSLATED)) return carried(low32(value), 'IPv4-translated IPv6', PUBLIC)
  if (inIPv6Range(value, COMPATIBLE)) return carried(low32(value), 'IPv4-compatible IPv6', COMPATIBLE.verdict)
  // The well-known NAT64 prefix reaches public IPv4 hosts from IPv6-only networks: allowed.
  if (inIPv6Range(value, NAT64)) return carried(low32(value), 'NAT64', PUBLIC)
  if (inIPv6Range(value, LOCAL_NAT64)) {
    return alwaysBlocked(nat64Candidates(value), 'local-use NAT64') ?? LOCAL_NAT64.verdict
  }
  if (inIPv6Range(value, SIX_TO_FOUR)) return carried(Number((value >> 80n) & 0xffffffffn), '6to4', PUBLIC)
  if (inIPv6Range(value, TEREDO)) {
    // Bits 32–63 hold the Teredo server; the client's address sits bit-inverted in the last 32.
    const server = Number((value >> 64n) & 0xffffffffn)
    const client = low32(~value)
    return alwaysBlocked([client, server], 'Teredo') ?? TEREDO.verdict
  }
  const listed = IPV6_RANGES.find((range) => inIPv6Range(value, range))
  if (listed) return listed.verdict
  if (!inIPv6Range(value, GLOBAL_UNICAST)) return GLOBAL_UNICAST.verdict
  return PUBLIC
}

/** Whether the guard may connect to `ip`, and what the address is. */
export function classifyIp(ip: IpAddress): AddressVerdict {
  if (ip.family === 4) return classifyIPv4(ip.value)
  const verdict = classifyIPv6(ip.value)
  // A zone id only means something for link-local and multicast scopes; on anything else it
  // is a trick, so treat the address as local.
  if (ip.zone !== undefined && verdict.block === null) {
    return { block: 'local', reason: 'scoped address with a zone id' }
  }
  return verdict
}
