// Which redirect URIs a client may register. Native clients listen on loopback over http or use
// their own scheme (cursor://…); anything else must be https. Schemes a browser would execute
// or read locally are refused, and so are fragments (RFC 6749 §3.1.2).
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const REFUSED_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:'])

/** Why `value` cannot be a redirect URI, or undefined when it can. */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not an absolute URL`
  }
  if (url.hash) return `"${value}" has a fragment; redirect URIs may not`
  if (REFUSED_SCHEMES.has(url.protocol)) return `"${value}" uses the ${url.protocol} scheme, which is not allowed`
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return `"${value}" uses http on a non-loopback host; use https, or http on localhost/127.0.0.1`
  }
  return undefined
}
