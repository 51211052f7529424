import { describe, expect, test } from 'vitest'
import { applyCredential, base64OfUtf8 } from './credentials'

function parts(url = 'https://api.example.com/v1/pets?q=1', headers: HeadersInit = {}) {
  return { url: new URL(url), headers: new Headers(headers) }
}

describe('applyCredential', () => {
  test('none (or no credential) changes nothing', () => {
    const request = parts()
    expect(applyCredential(request, { type: 'none' })).toEqual({ secrets: [], credentialHeaders: [] })
    expect(applyCredential(request, undefined)).toEqual({ secrets: [], credentialHeaders: [] })
    expect(request.url.href).toBe('https://api.example.com/v1/pets?q=1')
    expect([...request.headers]).toEqual([])
  })

  test('API key in a header, with and without a prefix', () => {
    const plain = parts()
    expect(applyCredential(plain, { type: 'apiKey', in: 'header', name: 'X-API-Key', key: 'k1' })).toEqual({
      secrets: ['k1'],
      credentialHeaders: ['x-api-key'],
    })
    expect(plain.headers.get('x-api-key')).toBe('k1')
    const prefixed = parts('https://api.example.com', { Authorization: 'Bearer agent' })
    applyCredential(prefixed, { type: 'apiKey', in: 'header', name: 'Authorization', key: 'ghp_x', prefix: 'token ' })
    expect(prefixed.headers.get('authorization')).toBe('token ghp_x')
  })

  test('API key in the query replaces a same-named parameter and keeps the others as encoded', () => {
    const request = parts('https://api.example.com/v1/pets?key=agent&tags=a,b&f[x]=1')
    const applied = applyCredential(request, { type: 'apiKey', in: 'query', name: 'key', key: 'a/b+c' })
    expect(request.url.search).toBe('?tags=a,b&f[x]=1&key=a%2Fb%2Bc')
    expect(applied.secrets).toEqual(['a%2Fb%2Bc', 'a/b+c'])
    expect(applied.credentialHeaders).toEqual([])
  })

  test('API key in a cookie joins the cookies the parameters set', () => {
    const request = parts('https://api.example.com', { cookie: 'theme=dark; sid=agent' })
    applyCredential(request, { type: 'apiKey', in: 'cookie', name: 'sid', key: 'k;1' })
    expect(request.headers.get('cookie')).toBe('theme=dark; sid=k%3B1')
  })

  test('HTTP bearer', () => {
    const request = parts()
    expect(applyCredential(request, { type: 'bearer', token: 'tok' })).toEqual({
      secrets: ['tok'],
      credentialHeaders: ['authorization'],
    })
    expect(request.headers.get('authorization')).toBe('Bearer tok')
  })

  test('HTTP basic: base64 of UTF-8 user:password; the base64 and the password are secrets', () => {
    const request = parts()
    const applied = applyCredential(request, { type: 'basic', username: 'zoë', password: 'pässwörd' })
    const encoded = base64OfUtf8('zoë:pässwörd')
    expect(encoded).toBe('em/Dqzpww6Rzc3fDtnJk')
    expect(request.headers.get('authorization')).toBe(`Basic ${encoded}`)
    expect(applied.secrets).toContain(encoded)
    expect(applied.secrets).toContain('pässwörd')
    expect(applied.secrets).toContain(encodeURIComponent('pässwörd'))
    expect(applied.secrets).not.toContain('zoë')
  })

  test('HTTP basic with an empty password: the user name is the key, so it is secret', () => {
    const applied = applyCredential(parts(), { type: 'basic', username: 'sk_test_123', password: '' })
    expect(applied.secrets).toContain('sk_test_123')
    expect(applied.secrets).toContain(base64OfUtf8('sk_test_123:'))
  })

  test('a credential a header cannot carry is refused without quoting it', () => {
    expect(() => applyCredential(parts(), { type: 'bearer', token: 'abc\r\nX-Evil: 1' })).toThrow(
      'The credential for header authorization has characters an HTTP header cannot carry',
    )
  })
})
