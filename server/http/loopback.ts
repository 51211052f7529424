// Loopback names and addresses, as written in a bind address, a Host header or an origin. Browsers
// resolve `localhost` and every `*.localhost` name to loopback themselves (RFC 6761), so no DNS
// answer an attacker controls can point them elsewhere.

const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** A host name or address (no port; IPv6 with or without brackets) that only reaches this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    IPV4_LOOPBACK.test(name) ||
    name === '::1' ||
    name === '[::1]'
  )
}

/** The hostname of a `Host` header value (`name`, `name:port`, `[v6]:port`), lowercased; undefined if it is not just that. */
export function hostnameOf(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}`)
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined
    return url.hostname
  } catch {
    return undefined
  }
}
