// Which client Executor is at an authorization server: one the operator registered (ID and
// secret typed in), Executor's client ID metadata document when the server accepts those, or a
// client registered on the spot (RFC 7591) otherwise.
import * as oauth from 'oauth4webapi'
import { AppError } from '../../http/app-error'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { oauthRequestOptions } from './oauth-http'
import type { ClientRegistration, OAuthGrant, OAuthSettings, TokenEndpointAuthMethod } from './oauth-settings'

export const CALLBACK_PATH = '/api/oauth/callback'
export const CLIENT_METADATA_PATH = '/api/oauth/client-metadata.json'

export type ClientChoice = {
  clientId: string
  clientSecret?: string
  registration: ClientRegistration
  tokenEndpointAuthMethod: TokenEndpointAuthMethod
}

export function redirectUri(publicOrigin: string): string {
  return `${publicOrigin}${CALLBACK_PATH}`
}

/** Executor's client ID metadata document, served at CLIENT_METADATA_PATH (its URL is the client ID). */
export function clientMetadataDocument(publicOrigin: string) {
  return {
    client_id: `${publicOrigin}${CLIENT_METADATA_PATH}`,
    client_name: 'Executor',
    client_uri: publicOrigin,
    redirect_uris: [redirectUri(publicOrigin)],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }
}

export async function chooseClient(
  fetch: GuardedFetch,
  as: oauth.AuthorizationServer,
  grant: OAuthGrant,
  given: { clientId?: string; clientSecret?: string },
  publicOrigin: string,
): Promise<ClientChoice> {
  if (given.clientId) {
    return {
      clientId: given.clientId,
      clientSecret: given.clientSecret,
      registration: 'preregistered',
      tokenEndpointAuthMethod: given.clientSecret ? secretMethod(as) : 'none',
    }
  }
  if (grant === 'client_credentials') throw new AppError('BAD_REQUEST', 'The client credentials grant needs "clientId" and "clientSecret"')
  if (as.client_id_metadata_document_supported === true) {
    return { clientId: clientMetadataDocument(publicOrigin).client_id, registration: 'metadata_document', tokenEndpointAuthMethod: 'none' }
  }
  if (!as.registration_endpoint) {
    throw new AppError(
      'BAD_REQUEST',
      `The authorization server ${as.issuer} supports neither client ID metadata documents nor dynamic registration: register Executor there (redirect URI ${redirectUri(publicOrigin)}) and send "clientId" and "clientSecret"`,
    )
  }
  const wanted = as.token_endpoint_auth_methods_supported?.includes('none') ? 'none' : secretMethod(as)
  try {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: 'Executor',
        redirect_uris: [redirectUri(publicOrigin)],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: wanted,
      },
      oauthRequestOptions(fetch, as.registration_endpoint),
    )
    const client = await oauth.processDynamicClientRegistrationResponse(response)
    const method = client.token_endpoint_auth_method
    return {
      clientId: client.client_id,
      clientSecret: typeof client.client_secret === 'string' ? client.client_secret : undefined,
      registration: 'dynamic',
      tokenEndpointAuthMethod: method === 'client_secret_post' || method === 'none' ? method : typeof client.client_secret === 'string' ? 'client_secret_basic' : 'none',
    }
  } catch (error) {
    throw new AppError('BAD_REQUEST', `Registering Executor at ${as.registration_endpoint} failed: ${oauthErrorText(error)}`)
  }
}

/** client_secret_basic unless the server only takes client_secret_post (RFC 8414's default is basic). */
function secretMethod(as: oauth.AuthorizationServer): TokenEndpointAuthMethod {
  const supported = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
  return !supported.includes('client_secret_basic') && supported.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic'
}

/** oauth4webapi's client authentication for the stored method. */
export function clientAuth(settings: Pick<OAuthSettings, 'tokenEndpointAuthMethod'>, clientSecret: string | undefined): oauth.ClientAuth {
  if (settings.tokenEndpointAuthMethod === 'none' || !clientSecret) return oauth.None()
  return settings.tokenEndpointAuthMethod === 'client_secret_post' ? oauth.ClientSecretPost(clientSecret) : oauth.ClientSecretBasic(clientSecret)
}

/** An OAuth error's code and description (never a token: servers do not echo them in errors). */
export function oauthErrorText(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return error.error_description ? `${error.error}: ${error.error_description}` : error.error
  if (error instanceof oauth.AuthorizationResponseError) return error.error_description ? `${error.error}: ${error.error_description}` : error.error
  return error instanceof Error ? error.message : String(error)
}
