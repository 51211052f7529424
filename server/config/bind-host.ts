// EXECUTOR_HOST: what the server binds to. Only IP literals and `localhost` are accepted, so a
// typo stops boot with one line instead of failing inside the listener, and whether other
// machines can reach the server (which decides if /setup needs the setup code) is plain from
// the value itself.
import { z } from 'zod'
import { parseIPv6 } from '../net/ip-address'

export const HostSchema = z
  .string()
  .trim()
  .refine((host) => host === 'localhost' || isIPv4(host) || isIPv6(host), {
    error: (issue) =>
      `must be an IP address to listen on, like 127.0.0.1 (this machine only), 0.0.0.0 or :: (every interface), or localhost (got "${String(issue.input)}")`,
  })

/** True when only this machine can connect: 127.0.0.0/8, ::1 (also IPv4-mapped) or localhost. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true
  if (isIPv4(host)) return host.startsWith('127.')
  const v6 = isIPv6(host) ? parseIPv6(host) : null
  if (!v6) return false
  if (v6.value === 1n) return true
  return v6.value >> 32n === 0xffffn && ((v6.value >> 24n) & 0xffn) === 127n
}

function isIPv4(host: string) {
  return z.ipv4().safeParse(host).success
}

function isIPv6(host: string) {
  return z.ipv6().safeParse(host).success
}
