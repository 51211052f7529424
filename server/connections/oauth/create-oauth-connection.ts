// Adding an OAuth 2 connection: find the authorization server and the client, store the
// connection (secrets sealed), then either get a first token now (client credentials) or hand
// back the URL the person opens to authorize (authorization code; the connection stays `pending`).
import * as oauth from 'oauth4webapi'
import type { Principal } from '../../auth/principal'
import { AppError } from '../../http/app-error'
import type { IntegrationRow } from '../../integrations/integrations'
import { insertConnection, toView, type ConnectionRow, type ConnectionView } from '../connections'
import type { CreateConnectionInput, OAuthAuthInput } from '../connection.schema'
import { oauthErrorText, chooseClient } from './client'
import { requestToken } from './access-token'
import { startAuthorization, type AuthorizeDeps } from './authorize'
import { resolveServer } from './discovery'
import type { OAuthSettings } from './oauth-settings'
import { readConnection, sealOAuthSecret, writeTokens } from './token-store'

export type CreatedOAuthConnection = ConnectionView & { authorizeUrl?: string }

export async function createOAuthConnection(
  deps: AuthorizeDeps,
  principal: Principal,
  integration: Pick<IntegrationRow, 'id' | 'baseUrl' | 'sourceUrl' | 'details'>,
  input: CreateConnectionInput & { auth: OAuthAuthInput },
): Promise<CreatedOAuthConnection> {
  const { auth } = input
  const server = await resolveServer(deps.fetch, integration, auth.grant, {
    issuer: auth.issuer,
    authorizationUrl: auth.authorizationUrl,
    tokenUrl: auth.tokenUrl,
    resource: auth.resource,
    scopes: auth.scopes,
  })
  if (auth.grant === 'authorization_code' && !server.as.authorization_endpoint) {
    throw new AppError('BAD_REQUEST', `The authorization server ${server.as.issuer} names no authorization endpoint: send "authorizationUrl"`)
  }
  if (!server.as.token_endpoint) throw new AppError('BAD_REQUEST', `The authorization server ${server.as.issuer} names no token endpoint: send "tokenUrl"`)
  refuseWithoutS256(server.as)
  const client = await chooseClient(deps.fetch, server.as, auth.grant, auth, deps.publicOrigin)
  const settings: OAuthSettings = {
    type: 'oauth2',
    grant: auth.grant,
    clientId: client.clientId,
    registration: client.registration,
    tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
    ...(server.as.issuer ? { issuer: server.as.issuer } : {}),
    ...(server.as.authorization_endpoint ? { authorizationEndpoint: server.as.authorization_endpoint } : {}),
    tokenEndpoint: server.as.token_endpoint,
    ...(server.resource ? { resource: server.resource } : {}),
    scopes: server.scopes,
  }
  const secret = client.clientSecret ? { clientSecret: client.clientSecret } : {}

  if (auth.grant === 'client_credentials') {
    // A first token now, so a wrong secret is reported here and not at the first call.
    const answer = await requestToken(deps.fetch, settings, secret).catch((error: unknown) => {
      throw new AppError('BAD_REQUEST', `The token endpoint refused the client credentials: ${oauthErrorText(error)}`)
    })
    const row = await insertConnection(deps, principal, integration.id, input, settings, secret, 'ready', (id) => sealOAuthSecret(deps.secrets, id, secret))
    await writeTokens(deps, row, secret, answer)
    return toView((await readConnection(deps.db, row.id)) ?? row)
  }
  const row: ConnectionRow = await insertConnection(deps, principal, integration.id, input, settings, secret, 'pending', (id) =>
    sealOAuthSecret(deps.secrets, id, secret),
  )
  return { ...toView(row), authorizeUrl: await startAuthorization(deps, principal, row) }
}

/** PKCE S256 is the only method sent; a server whose metadata lists methods without it would refuse the code. */
function refuseWithoutS256(as: oauth.AuthorizationServer) {
  const methods = as.code_challenge_methods_supported
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new AppError('BAD_REQUEST', `The authorization server ${as.issuer} does not support PKCE with S256, which Executor requires`)
  }
}
