import { expect, test } from 'vitest'
import { authSummary, callPath, draftFromSchemes, specKindLabel } from './auth-methods'

test('a new connection starts from the API key scheme the description names', () => {
  const draft = draftFromSchemes({
    petstore_auth: { type: 'oauth2' },
    api_key: { type: 'apiKey', in: 'header', name: 'api_key' },
  })
  expect(draft).toMatchObject({ type: 'apiKey', in: 'header', name: 'api_key' })
})

test('HTTP bearer becomes bearer, OAuth becomes OAuth 2 with its flow and scopes; basic becomes basic; none declared becomes no credential', () => {
  expect(draftFromSchemes({ token: { type: 'http', scheme: 'bearer' } }).type).toBe('bearer')
  expect(draftFromSchemes({ o: { type: 'oauth2' } })).toMatchObject({ type: 'oauth2', grant: 'authorization_code', scopes: '' })
  expect(
    draftFromSchemes({ o: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a.example/token', scopes: { read: 'r', write: 'w' } } } } as never }),
  ).toMatchObject({ type: 'oauth2', grant: 'client_credentials', scopes: 'read write' })
  expect(draftFromSchemes({ o: { type: 'oauth2', challenge: { scope: 'repo user' } } as never })).toMatchObject({ type: 'oauth2', scopes: 'repo user' })
  expect(draftFromSchemes({ b: { type: 'http', scheme: 'basic' } }).type).toBe('basic')
  expect(draftFromSchemes({}).type).toBe('none')
  expect(draftFromSchemes(undefined).type).toBe('none')
})

test('summaries never need the secret', () => {
  expect(authSummary({ type: 'apiKey', in: 'header', name: 'api_key' })).toBe('API key in header api_key')
  expect(authSummary({ type: 'apiKey', in: 'query', name: 'key', prefix: 'token ' })).toBe('API key in query key (prefix “token”)')
  expect(authSummary({ type: 'basic', username: 'ada' })).toBe('Basic auth as ada')
  expect(authSummary({ type: 'bearer' })).toBe('Bearer token')
})

test('detected kind and call paths', () => {
  expect(specKindLabel('3.0.4')).toBe('OpenAPI 3.0')
  expect(specKindLabel('3.1.0')).toBe('OpenAPI 3.1')
  expect(specKindLabel('2.0')).toBe('Swagger 2.0 (converted)')
  expect(callPath('petstore', 'pet.addPet', ['org.main'])).toBe('tools.petstore.pet.addPet')
  expect(callPath('petstore', 'pet.addPet', [])).toBe('tools.petstore.pet.addPet')
  expect(callPath('petstore', 'pet.addPet', ['org.main', 'me.mine'])).toBe('tools.petstore.org.main.pet.addPet')
})
