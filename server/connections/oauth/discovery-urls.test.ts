import { expect, test } from 'vitest'
import { authorizationServerMetadataUrls, bearerChallenge, protectedResourceMetadataUrls } from './discovery-urls'

test('protected resource metadata: the challenge URL alone, else path-inserted then root', () => {
  expect(protectedResourceMetadataUrls('https://api.example.com/mcp', 'https://api.example.com/meta.json')).toEqual(['https://api.example.com/meta.json'])
  expect(protectedResourceMetadataUrls('https://api.example.com/v1/mcp/')).toEqual([
    'https://api.example.com/.well-known/oauth-protected-resource/v1/mcp',
    'https://api.example.com/.well-known/oauth-protected-resource',
  ])
  expect(protectedResourceMetadataUrls('https://api.example.com')).toEqual(['https://api.example.com/.well-known/oauth-protected-resource'])
})

test('authorization server metadata: RFC 8414 and OpenID, path inserted, then OpenID path appended', () => {
  expect(authorizationServerMetadataUrls('https://auth.example.com/tenant1')).toEqual([
    'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
    'https://auth.example.com/.well-known/openid-configuration/tenant1',
    'https://auth.example.com/tenant1/.well-known/openid-configuration',
  ])
  expect(authorizationServerMetadataUrls('https://auth.example.com/')).toEqual([
    'https://auth.example.com/.well-known/oauth-authorization-server',
    'https://auth.example.com/.well-known/openid-configuration',
  ])
})

test('Bearer challenge parameters, quoted or not', () => {
  expect(bearerChallenge('Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://x/m"')).toEqual({
    error: 'insufficient_scope',
    scope: 'files:read files:write',
    resource_metadata: 'https://x/m',
  })
  expect(bearerChallenge('Basic realm="a", Bearer error=invalid_token')).toMatchObject({ error: 'invalid_token' })
  expect(bearerChallenge('Basic realm="a"')).toBeUndefined()
  expect(bearerChallenge(null)).toBeUndefined()
})
