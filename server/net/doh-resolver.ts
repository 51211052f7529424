// A Resolver over DNS-over-HTTPS (RFC 8484's JSON form, as Cloudflare and Google serve it), for
// runtimes without a DNS API (workerd). Its queries go to one fixed, operator-chosen endpoint,
// never to a URL from the sandbox, so they do not pass the guard themselves.
import { z } from 'zod'
import type { ResolvedAddress, Resolver } from '../platform/types'
import { globalFetch, type FetchFunction } from './fetch-connector'
import { formatIp, parseIp } from './ip-address'

export interface DohResolverOptions {
  /** the JSON DoH endpoint; Cloudflare's by default */
  readonly endpoint?: string
  readonly fetch?: FetchFunction
  /** per query; 5 s by default */
  readonly timeoutMs?: number
}

const DnsJsonSchema = z.object({
  Status: z.number(),
  Answer: z.array(z.object({ type: z.number(), data: z.string() })).optional(),
})

const RECORD_TYPES = { A: { code: 1, family: 4 }, AAAA: { code: 28, family: 6 } } as const
// DNS RCODEs: NOERROR with no answer and NXDOMAIN both mean "no such address".
const NOERROR = 0
const NXDOMAIN = 3

/** Looks up A and AAAA records at a DoH endpoint; rejects when the name has neither. */
export function createDohResolver(options: DohResolverOptions = {}): Resolver {
  const endpoint = options.endpoint ?? 'https://cloudflare-dns.com/dns-query'
  const fetchImpl = options.fetch ?? globalFetch
  const timeoutMs = options.timeoutMs ?? 5_000

  async function query(hostname: string, type: keyof typeof RECORD_TYPES): Promise<ResolvedAddress[]> {
    const url = new URL(endpoint)
    url.searchParams.set('name', hostname)
    url.searchParams.set('type', type)
    const response = await fetchImpl(url, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!response.ok) throw new Error(`DNS-over-HTTPS answered HTTP ${response.status}`)
    const answer = DnsJsonSchema.parse(await response.json())
    if (answer.Status === NXDOMAIN) return []
    if (answer.Status !== NOERROR) throw new Error(`DNS-over-HTTPS answered RCODE ${answer.Status}`)
    const { code, family } = RECORD_TYPES[type]
    // CNAME records come first in a chain; only the final addresses count.
    return (answer.Answer ?? [])
      .filter((record) => record.type === code)
      .map((record) => ({ address: record.data, family }))
  }

  return {
    async resolve(hostname) {
      // An address is its own answer, as the system resolver gives it: asking a public DoH
      // server about 127.0.0.1 would send a loopback address off the machine for nothing.
      const literal = parseIp(hostname.replace(/^\[(.*)\]$/, '$1'))
      if (literal !== null) return [{ address: formatIp(literal), family: literal.family }]
      const [v4, v6] = await Promise.all([query(hostname, 'A'), query(hostname, 'AAAA')])
      const addresses = [...v4, ...v6]
      if (addresses.length === 0) throw new Error(`${hostname} has no A or AAAA records`)
      return addresses
    },
  }
}
