// IP address parsing for the network guard. Hosts reach the guard from WHATWG URL
// parsing (already canonical) and from resolvers (raw text), so parsing is liberal: every
// spelling inet_aton(3) or a URL parser accepts is recognised as the address it names, never
// mistaken for a host name that would slip past the address checks.

export type IpAddress =
  | { readonly family: 4; readonly value: number }
  | { readonly family: 6; readonly value: bigint; readonly zone?: string }

const MAX_IPV4 = 0xffffffff

/**
 * An IPv4 address in any spelling inet_aton(3) or the WHATWG URL parser accepts: dotted decimal,
 * one to four parts, each decimal, octal (`0177`) or hex (`0x7f`), the last part filling the
 * remaining bytes (`127.1`, `2130706433`), and one trailing dot. Null when `text` is not one.
 */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.')
  if (parts.length > 1 && parts.at(-1) === '') parts.pop()
  if (parts.length === 0 || parts.length > 4) return null
  const numbers: number[] = []
  for (const part of parts) {
    const value = parseIPv4Number(part)
    if (value === null) return null
    numbers.push(value)
  }
  const last = numbers.pop() ?? 0
  if (numbers.some((value) => value > 255)) return null
  if (last >= 256 ** (4 - numbers.length)) return null
  return numbers.reduce((sum, value, index) => sum + value * 256 ** (3 - index), last)
}

function parseIPv4Number(part: string): number | null {
  if (part === '') return null
  let digits = part
  let radix = 10
  if (/^0x/i.test(part)) {
    digits = part.slice(2)
    radix = 16
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1)
    radix = 8
  }
  // WHATWG reads a bare "0x" as zero.
  if (digits === '') return 0
  const pattern = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/
  if (!pattern.test(digits)) return null
  const value = Number.parseInt(digits, radix)
  // Anything past 2^32 is out of range for every part; keep it from losing precision first.
  return value > MAX_IPV4 ? MAX_IPV4 + 1 : value
}

const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/** Strict dotted decimal, as inside an IPv6 address (`::ffff:1.2.3.4`); no octal ambiguity there. */
function parseDottedQuad(text: string): number | null {
  if (!DOTTED_QUAD.test(text)) return null
  return text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)
}

/**
 * An IPv6 address, bracketed or not, with `::` compression, a dotted IPv4 tail
 * (`::ffff:127.0.0.1`) and an optional zone id (`fe80::1%eth0`, as resolvers return it).
 */
export function parseIPv6(text: string): { value: bigint; zone?: string } | null {
  let body = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  let zone: string | undefined
  const percent = body.indexOf('%')
  if (percent !== -1) {
    zone = body.slice(percent + 1)
    body = body.slice(0, percent)
    if (zone === '') return null
  }
  if (!body.includes(':')) return null
  const halves = body.split('::')
  let groups: number[]
  if (halves.length === 1) {
    groups = parseGroups(body, true) ?? []
    if (groups.length !== 8) return null
  } else if (halves.length === 2) {
    const head = parseGroups(halves[0] ?? '', false)
    const tail = parseGroups(halves[1] ?? '', true)
    if (head === null || tail === null || head.length + tail.length > 7) return null
    groups = [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail]
  } else {
    return null
  }
  const value = groups.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n)
  return zone === undefined ? { value } : { value, zone }
}

function parseGroups(text: string, allowIPv4Tail: boolean): number[] | null {
  if (text === '') return []
  const parts = text.split(':')
  const groups: number[] = []
  for (const [index, part] of parts.entries()) {
    if (allowIPv4Tail && index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseDottedQuad(part)
      if (ipv4 === null) return null
      groups.push(Math.floor(ipv4 / 0x10000), ipv4 % 0x10000)
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(Number.parseInt(part, 16))
    } else {
      return null
    }
  }
  return groups
}

/** Either family; null when `text` is a host name rather than an address. */
export function parseIp(text: string): IpAddress | null {
  const ipv4 = parseIPv4(text)
  if (ipv4 !== null) return { family: 4, value: ipv4 }
  const ipv6 = parseIPv6(text)
  if (ipv6 === null) return null
  return ipv6.zone === undefined ? { family: 6, value: ipv6.value } : { family: 6, value: ipv6.value, zone: ipv6.zone }
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run of zero groups as `::`. */
export function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, index) => Number((value >> BigInt(112 - index * 16)) & 0xffffn))
  let bestStart = -1
  let bestLength = 1
  for (let start = 0; start < 8; start++) {
    let length = 0
    while (start + length < 8 && groups[start + length] === 0) length++
    if (length > bestLength) {
      bestStart = start
      bestLength = length
    }
  }
  const hex = groups.map((group) => group.toString(16))
  if (bestStart === -1) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** Canonical text of an address, zone id kept (a connector needs it for link-local scope). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return formatIPv4(ip.value)
  const text = formatIPv6(ip.value)
  return ip.zone === undefined ? text : `${text}%${ip.zone}`
}
