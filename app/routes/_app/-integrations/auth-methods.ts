// How connections' credentials read in the console, and the form a new one starts from: the
// method and settings the API's own description names (its securitySchemes), so an admin adding
// the Petstore's key only types the key.
import type { AuthSettings } from '~/server/connections/connections'
import type { SecurityScheme } from '~/server/integrations/openapi/operation'

export type AuthMethod = AuthSettings['type']

export const authMethodNames: Record<AuthMethod, string> = {
  none: 'No credential',
  apiKey: 'API key',
  bearer: 'Bearer token',
  basic: 'Username and password',
}

/** "API key in header api_key", "Bearer token", "Basic auth as ada". */
export function authSummary(auth: AuthSettings): string {
  switch (auth.type) {
    case 'none':
      return 'No credential'
    case 'apiKey':
      return `API key in ${auth.in} ${auth.name}${auth.prefix ? ` (prefix “${auth.prefix.trim()}”)` : ''}`
    case 'bearer':
      return 'Bearer token'
    case 'basic':
      return `Basic auth as ${auth.username || '(no username)'}`
  }
}

/** The non-secret settings a new connection's form starts with. */
export type AuthDraft = { type: AuthMethod; in: 'header' | 'query' | 'cookie'; name: string; prefix: string; username: string }

export const blankDraft: AuthDraft = { type: 'apiKey', in: 'header', name: '', prefix: '', username: '' }

/**
 * The first scheme the console can fill in (API key, then bearer, then basic), as a draft; an
 * API with no usable scheme starts at "no credential" when it declares none, else a blank API key.
 */
export function draftFromSchemes(schemes: Record<string, SecurityScheme> | undefined): AuthDraft {
  const all = Object.values(schemes ?? {})
  const apiKey = all.find((s) => s.type === 'apiKey')
  if (apiKey?.type === 'apiKey') return { ...blankDraft, type: 'apiKey', in: apiKey.in, name: apiKey.name }
  const http = all.filter((s) => s.type === 'http')
  if (http.some((s) => s.type === 'http' && s.scheme === 'bearer')) return { ...blankDraft, type: 'bearer' }
  if (http.some((s) => s.type === 'http' && s.scheme === 'basic')) return { ...blankDraft, type: 'basic' }
  // OAuth2 and OpenID Connect hand out bearer tokens in the end.
  if (all.some((s) => s.type === 'oauth2' || s.type === 'openIdConnect')) return { ...blankDraft, type: 'bearer' }
  return all.length === 0 ? { ...blankDraft, type: 'none' } : blankDraft
}

/** One line per scheme for the preview: "api_key: API key in header api_key". */
export function schemeSummary(name: string, scheme: SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `${name}: API key in ${scheme.in} ${scheme.name}`
    case 'http':
      return `${name}: HTTP ${scheme.scheme}${scheme.type === 'http' && scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`
    case 'oauth2':
      return `${name}: OAuth 2 (paste an access token as a bearer token)`
    case 'openIdConnect':
      return `${name}: OpenID Connect (paste an access token as a bearer token)`
    default:
      return `${name}: ${scheme.type}`
  }
}

/** "OpenAPI 3.0", "OpenAPI 3.1", "Swagger 2.0 (converted)" from the version a document declared. */
export function specKindLabel(specVersion: string | undefined, kind = 'openapi'): string {
  if (kind === 'graphql') return 'GraphQL'
  if (kind === 'mcp') return specVersion ? `MCP server (protocol ${specVersion})` : 'MCP server'
  if (specVersion === undefined) return 'OpenAPI'
  if (specVersion.startsWith('2.')) return 'Swagger 2.0 (converted)'
  const [major, minor] = specVersion.split('.')
  return major && minor ? `OpenAPI ${major}.${minor}` : 'OpenAPI'
}

/** How code calls a tool of an integration: the short form with one usable connection, else the full one. */
export function callPath(slug: string, toolPath: string, connectionAddresses: string[]): string {
  const [first] = connectionAddresses
  return connectionAddresses.length > 1 && first ? `tools.${slug}.${first}.${toolPath}` : `tools.${slug}.${toolPath}`
}
