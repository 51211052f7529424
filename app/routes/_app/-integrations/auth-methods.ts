// How connections' credentials read in the console, and the form a new one starts from: the
// method and settings the API's own description names (its securitySchemes), so an admin adding
// the Petstore's key only types the key.
import type { ConnectionAuth } from '~/server/connections/connections'
import type { SecurityScheme } from '~/server/integrations/openapi/operation'

export type AuthMethod = ConnectionAuth['type']

export const authMethodNames: Record<AuthMethod, string> = {
  none: 'No credential',
  apiKey: 'API key',
  bearer: 'Bearer token',
  basic: 'Username and password',
  oauth2: 'OAuth 2',
}

/** "API key in header api_key", "Bearer token", "Basic auth as ada", "OAuth 2 (sign-in) · repo, read:org". */
export function authSummary(auth: ConnectionAuth): string {
  switch (auth.type) {
    case 'oauth2': {
      const grant = auth.grant === 'authorization_code' ? 'sign-in' : 'client credentials'
      const scopes = auth.grantedScopes ?? auth.scopes
      return `OAuth 2 (${grant})${scopes.length > 0 ? ` · scopes ${scopes.join(', ')}` : ''}`
    }
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
export type AuthDraft = {
  type: AuthMethod
  in: 'header' | 'query' | 'cookie'
  name: string
  prefix: string
  username: string
  /** OAuth 2: the grant and scopes the API's description (or an MCP server's challenge) names */
  grant: 'authorization_code' | 'client_credentials'
  scopes: string
}

export const blankDraft: AuthDraft = { type: 'apiKey', in: 'header', name: '', prefix: '', username: '', grant: 'authorization_code', scopes: '' }

/**
 * The first scheme the console can fill in (API key, then bearer, then basic), as a draft; an
 * API with no usable scheme starts at "no credential" when it declares none, else a blank API key.
 */
export function draftFromSchemes(schemes: Record<string, SecurityScheme> | undefined): AuthDraft {
  const all = Object.values(schemes ?? {})
  // A server that answered with an OAuth challenge (an MCP server's resource_metadata) wants OAuth.
  const challenged = all.find((s) => s.type === 'oauth2' && (s as { challenge?: { resourceMetadata?: string } }).challenge?.resourceMetadata)
  if (challenged) return { ...blankDraft, type: 'oauth2', ...oauthDraft(challenged) }
  const apiKey = all.find((s) => s.type === 'apiKey')
  if (apiKey?.type === 'apiKey') return { ...blankDraft, type: 'apiKey', in: apiKey.in, name: apiKey.name }
  const http = all.filter((s) => s.type === 'http')
  if (http.some((s) => s.type === 'http' && s.scheme === 'bearer')) return { ...blankDraft, type: 'bearer' }
  if (http.some((s) => s.type === 'http' && s.scheme === 'basic')) return { ...blankDraft, type: 'basic' }
  const oauth = all.find((s) => s.type === 'oauth2' || s.type === 'openIdConnect')
  if (oauth) return { ...blankDraft, type: 'oauth2', ...oauthDraft(oauth) }
  return all.length === 0 ? { ...blankDraft, type: 'none' } : blankDraft
}

/** The grant and scopes an OAuth 2 scheme names: its flows, or the scope an MCP server's challenge asked for. */
function oauthDraft(scheme: SecurityScheme): Pick<AuthDraft, 'grant' | 'scopes'> {
  const raw = scheme as { flows?: { authorizationCode?: { scopes?: Record<string, string> }; clientCredentials?: { scopes?: Record<string, string> } }; challenge?: { scope?: string } }
  const onlyClient = raw.flows?.clientCredentials !== undefined && raw.flows.authorizationCode === undefined
  const flow = onlyClient ? raw.flows?.clientCredentials : raw.flows?.authorizationCode
  const scopes = raw.challenge?.scope ?? Object.keys(flow?.scopes ?? {}).join(' ')
  return { grant: onlyClient ? 'client_credentials' : 'authorization_code', scopes }
}

/** One line per scheme for the preview: "api_key: API key in header api_key". */
export function schemeSummary(name: string, scheme: SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `${name}: API key in ${scheme.in} ${scheme.name}`
    case 'http':
      return `${name}: HTTP ${scheme.scheme}${scheme.type === 'http' && scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`
    case 'oauth2':
      return `${name}: OAuth 2 (connect in the browser, or client credentials)`
    case 'openIdConnect':
      return `${name}: OpenID Connect (connect in the browser)`
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
