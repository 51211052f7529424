// Where metadata is looked for, in the order the MCP authorization spec (2025-11-25) gives.
// Pure functions, so each variant is checked by a unit test.

/**
 * RFC 9728 protected resource metadata: the URL a 401's `resource_metadata` parameter names,
 * else the well-known URL with the resource's path inserted, else the well-known URL at the root.
 */
export function protectedResourceMetadataUrls(resource: string, fromChallenge?: string): string[] {
  if (fromChallenge) return [new URL(fromChallenge, resource).toString()]
  const url = new URL(resource)
  const path = url.pathname.replace(/\/+$/, '')
  const root = `${url.origin}/.well-known/oauth-protected-resource`
  return path === '' ? [root] : [`${root}${path}`, root]
}

/**
 * Authorization server metadata for an issuer: RFC 8414 with the issuer's path inserted after
 * the well-known segment, then OpenID Connect discovery with the path inserted, then OpenID
 * Connect discovery with the path appended. Without a path, RFC 8414 then OpenID Connect.
 */
export function authorizationServerMetadataUrls(issuer: string): string[] {
  const url = new URL(issuer)
  const path = url.pathname.replace(/\/+$/, '')
  if (path === '') return [`${url.origin}/.well-known/oauth-authorization-server`, `${url.origin}/.well-known/openid-configuration`]
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ]
}

/** The parameters of a `Bearer` challenge in a WWW-Authenticate header (quoted or token values). */
export function bearerChallenge(header: string | null | undefined): Record<string, string> | undefined {
  if (!header) return undefined
  const match = /(?:^|,)\s*Bearer\b(.*)$/i.exec(header)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const pattern = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g
  for (const part of (match[1] ?? '').matchAll(pattern)) {
    const name = part[1]!.toLowerCase()
    if (name in params) continue
    params[name] = part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : (part[3] ?? '')
  }
  return params
}
