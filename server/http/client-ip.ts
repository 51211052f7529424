import { z } from 'zod'

/** Carries the socket's client address from the container's entry to the app; never client-set. */
export const CLIENT_IP_HEADER = 'x-executor-client-ip'

/**
 * The client address the sign-in lockout keys on. With `trustedHops` proxies in front (each
 * appending the address it was connected from to X-Forwarded-For), the entry `trustedHops`
 * from the right was written by the outermost trusted proxy; everything left of it is
 * client-sent and could be anything. When the header has fewer entries than that, or the entry
 * is not an IP address, the request did not come through every proxy, so the socket address
 * is used: a spoofed header never chooses the key.
 */
export function clientIp(socketIp: string | undefined, forwardedFor: string | null, trustedHops: number): string | undefined {
  if (trustedHops <= 0 || !forwardedFor) return socketIp
  const entries = forwardedFor.split(',').map((entry) => entry.trim())
  const candidate = entries.length >= trustedHops ? entries[entries.length - trustedHops] : undefined
  return candidate && isIpLiteral(candidate) ? candidate : socketIp
}

const IpLiteral = z.union([z.ipv4(), z.ipv6()])

function isIpLiteral(text: string): boolean {
  return IpLiteral.safeParse(text).success
}
