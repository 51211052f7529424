// Finding the authorization server for a new OAuth 2 connection, and what to ask it for.
// Explicit settings win; then what the integration's description says (an OpenAPI scheme's
// flows or OpenID Connect URL, an MCP server's 401 challenge); then RFC 9728 discovery from the
// API's own URL, as MCP clients do.
import * as oauth from 'oauth4webapi'
import { AppError } from '../../http/app-error'
import type { IntegrationDetails, IntegrationRow } from '../../integrations/integrations'
import type { SecurityScheme } from '../../integrations/openapi/operation'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { authorizationServerMetadataUrls, protectedResourceMetadataUrls } from './discovery-urls'
import { scopeList, type OAuthGrant } from './oauth-settings'

export type ServerOverrides = {
  issuer?: string
  authorizationUrl?: string
  tokenUrl?: string
  resource?: string
  scopes?: string[]
}

export type ResolvedServer = {
  as: oauth.AuthorizationServer
  /** RFC 8707 resource indicator to send (the protected resource's identifier) */
  resource?: string
  scopes: string[]
}

type ProtectedResource = { resource?: string; authorization_servers: string[]; scopes_supported?: string[] }

export async function resolveServer(
  fetch: GuardedFetch,
  integration: Pick<IntegrationRow, 'baseUrl' | 'sourceUrl' | 'details'>,
  grant: OAuthGrant,
  overrides: ServerOverrides,
): Promise<ResolvedServer> {
  const details = integration.details as IntegrationDetails | null
  const schemes = Object.values(details?.securitySchemes ?? {})
  const oauth2 = schemes.find((s): s is Extract<SecurityScheme, { type: 'oauth2' }> => s.type === 'oauth2')
  const oidc = schemes.find((s): s is Extract<SecurityScheme, { type: 'openIdConnect' }> => s.type === 'openIdConnect')
  const flow = grant === 'authorization_code' ? oauth2?.flows?.authorizationCode : oauth2?.flows?.clientCredentials
  const pick = (found: string[]) => overrides.scopes ?? found

  if (overrides.issuer) {
    return { as: await discoverAuthorizationServer(fetch, overrides.issuer), resource: overrides.resource, scopes: pick([]) }
  }
  if (overrides.tokenUrl) {
    return { as: endpoints(overrides.tokenUrl, overrides.authorizationUrl), resource: overrides.resource, scopes: pick([]) }
  }
  if (flow?.tokenUrl && !oauth2?.challenge) {
    const base = details?.servers[0] ?? integration.sourceUrl ?? undefined
    const tokenUrl = absolute(flow.tokenUrl, base)
    const authorizationUrl = flow.authorizationUrl ? absolute(flow.authorizationUrl, base) : undefined
    // The description names the endpoints but not a registration endpoint: the server's own
    // metadata at the token endpoint's origin may (then Executor can register itself), as long as
    // it is about the same token endpoint.
    const metadata = await discoverAuthorizationServer(fetch, new URL(tokenUrl).origin).catch(() => undefined)
    const as = metadata?.token_endpoint === tokenUrl ? metadata : endpoints(tokenUrl, authorizationUrl)
    return { as, resource: overrides.resource, scopes: pick(Object.keys(flow.scopes)) }
  }
  if (oidc?.openIdConnectUrl && !oauth2?.challenge) {
    const url = oidc.openIdConnectUrl
    const issuer = url.replace(/\/\.well-known\/openid-configuration\/?$/, '') || url
    const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' })
    return { as: await oauth.processDiscoveryResponse(new URL(issuer), response), resource: overrides.resource, scopes: pick([]) }
  }

  // RFC 9728: the API says which authorization server protects it.
  const resourceUrl = integration.baseUrl ?? details?.servers[0] ?? integration.sourceUrl
  if (!resourceUrl) throw new AppError('BAD_REQUEST', 'This integration has no URL to discover its authorization server from: send "issuer" or "tokenUrl"')
  const metadata = await discoverProtectedResource(fetch, resourceUrl, oauth2?.challenge?.resourceMetadata)
  const issuer = metadata.authorization_servers[0]!
  const fromChallenge = scopeList(oauth2?.challenge?.scope)
  return {
    as: await discoverAuthorizationServer(fetch, issuer),
    resource: overrides.resource ?? metadata.resource ?? resourceUrl,
    scopes: pick(fromChallenge.length > 0 ? fromChallenge : (metadata.scopes_supported ?? [])),
  }
}

/** RFC 9728 metadata from the first URL that answers (see protectedResourceMetadataUrls). */
export async function discoverProtectedResource(fetch: GuardedFetch, resourceUrl: string, fromChallenge?: string): Promise<ProtectedResource> {
  const tried: string[] = []
  for (const url of protectedResourceMetadataUrls(resourceUrl, fromChallenge)) {
    tried.push(url)
    const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' }).catch(() => undefined)
    if (!response?.ok) {
      await response?.body?.cancel()
      continue
    }
    const body = (await response.json().catch(() => undefined)) as Partial<ProtectedResource> | undefined
    const servers = body?.authorization_servers
    if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string')) {
      throw new AppError('BAD_REQUEST', `The protected resource metadata at ${url} names no authorization server`)
    }
    // RFC 9728 section 3.3: the metadata must be about this resource (or a prefix of it), not another.
    if (typeof body?.resource === 'string' && !coversResource(body.resource, resourceUrl)) {
      throw new AppError('BAD_REQUEST', `The protected resource metadata at ${url} is for ${body.resource}, not ${resourceUrl}`)
    }
    return {
      resource: typeof body?.resource === 'string' ? body.resource : undefined,
      authorization_servers: servers,
      scopes_supported: Array.isArray(body?.scopes_supported) ? body.scopes_supported.filter((s) => typeof s === 'string') : undefined,
    }
  }
  throw new AppError('BAD_REQUEST', `No OAuth protected resource metadata was found for ${resourceUrl} (tried ${tried.join(', ')}): send "issuer" or "tokenUrl"`)
}

/** Authorization server metadata from the first well-known URL that answers, its issuer checked. */
export async function discoverAuthorizationServer(fetch: GuardedFetch, issuer: string): Promise<oauth.AuthorizationServer> {
  const tried: string[] = []
  for (const url of authorizationServerMetadataUrls(issuer)) {
    tried.push(url)
    const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' }).catch(() => undefined)
    if (!response?.ok) {
      await response?.body?.cancel()
      continue
    }
    try {
      return await oauth.processDiscoveryResponse(new URL(issuer), response)
    } catch (error) {
      throw new AppError('BAD_REQUEST', `The authorization server metadata at ${url} is not valid: ${(error as Error).message}`)
    }
  }
  throw new AppError('BAD_REQUEST', `No authorization server metadata was found for ${issuer} (tried ${tried.join(', ')})`)
}

function coversResource(declared: string, actual: string): boolean {
  try {
    const a = new URL(declared)
    const b = new URL(actual)
    const path = a.pathname.replace(/\/+$/, '')
    return a.origin === b.origin && (b.pathname === path || b.pathname.startsWith(`${path}/`) || path === '')
  } catch {
    return false
  }
}

/** Metadata for endpoints given directly (an OpenAPI flow, or the operator's settings). */
function endpoints(tokenUrl: string, authorizationUrl: string | undefined): oauth.AuthorizationServer {
  return { issuer: new URL(tokenUrl).origin, token_endpoint: tokenUrl, ...(authorizationUrl ? { authorization_endpoint: authorizationUrl } : {}) }
}

function absolute(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).toString()
  } catch {
    throw new AppError('BAD_REQUEST', `The OAuth endpoint ${url} in the description is relative and cannot be resolved: send "tokenUrl"`)
  }
}
