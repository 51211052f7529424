// What an OAuth 2 connection stores. The non-secret half (`auth_config`) says where tokens come
// from and what was granted, and is what views show; the secret half (sealed in `secret`) holds
// the client secret and the tokens, and is opened only in the host at call time.

export type OAuthGrant = 'authorization_code' | 'client_credentials'

/** How Executor authenticates at the token endpoint, as the server's metadata (or registration) says. */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none'

/** How the client ID came to be. */
export type ClientRegistration = 'preregistered' | 'dynamic' | 'metadata_document'

export type OAuthSettings = {
  type: 'oauth2'
  grant: OAuthGrant
  clientId: string
  registration: ClientRegistration
  tokenEndpointAuthMethod: TokenEndpointAuthMethod
  /** the authorization server's issuer, when it was discovered */
  issuer?: string
  authorizationEndpoint?: string
  tokenEndpoint: string
  /** RFC 8707 `resource` sent on authorization and token requests (an MCP server's URL) */
  resource?: string
  /** the scopes asked for (a step-up adds the scope a call was refused for) */
  scopes: string[]
  /** the scopes the server granted (kept across refreshes that do not name them) */
  grantedScopes?: string[]
  /** ISO time the current access token expires, when the server said */
  expiresAt?: string
}

/** The sealed half of an OAuth 2 connection. */
export type OAuthSecret = {
  clientSecret?: string
  accessToken?: string
  refreshToken?: string
}

export function isOAuthSettings(value: unknown): value is OAuthSettings {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'oauth2'
}

/** Space-separated scope strings as a list, without blanks or repeats. */
export function scopeList(value: string | undefined | null): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter((scope) => scope !== ''))]
}
