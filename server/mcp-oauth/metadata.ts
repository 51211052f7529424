// RFC 8414 metadata for Executor's authorization server, which signs MCP clients in for /mcp.
// The same document is served at /.well-known/openid-configuration for clients that only probe
// there; no ID tokens are issued.

/** An hour: a leaked access token is short-lived, and clients refresh without asking the person. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 60 * 60

/** The audience every access token is bound to: the MCP endpoint itself. */
export function mcpResource(publicOrigin: string): string {
  return `${publicOrigin}/mcp`
}

export const oauthPaths = {
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  register: '/oauth/register',
  revoke: '/oauth/revoke',
  consent: '/mcp-consent',
} as const

export function authorizationServerMetadata(publicOrigin: string) {
  return {
    issuer: publicOrigin,
    authorization_endpoint: `${publicOrigin}${oauthPaths.authorize}`,
    token_endpoint: `${publicOrigin}${oauthPaths.token}`,
    registration_endpoint: `${publicOrigin}${oauthPaths.register}`,
    revocation_endpoint: `${publicOrigin}${oauthPaths.revoke}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['mcp'],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  }
}

/** Open to any origin (browser-based MCP clients read it) and cacheable for an hour. */
export const metadataHeaders = { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' }

/** CORS for the endpoints a browser-based client calls directly (register, token, revoke). */
export const endpointCorsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '86400',
}
