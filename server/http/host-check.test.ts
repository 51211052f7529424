import { expect, test } from 'vitest'
import { AppError } from './app-error'
import { checkLoopbackRequest, isAllowedHost, isAllowedOrigin } from './host-check'
import { isLoopbackHostname } from './loopback'

const local = ['http://localhost:4788', 'http://127.0.0.1:4788']
const policy = { loopbackBind: true, trustedOrigins: local, originVariable: 'EXECUTOR_WEB_BASE_URL' }

function refusal(path: string, headers: Record<string, string>, options = policy): string | undefined {
  try {
    checkLoopbackRequest(new Request(`http://127.0.0.1:4788${path}`, { headers }), options)
    return undefined
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    expect(error.status).toBe(403)
    return error.code
  }
}

test.each([
  ['localhost', true],
  ['LOCALHOST.', true],
  ['app.localhost', true],
  ['127.0.0.1', true],
  ['127.255.0.9', true],
  ['::1', true],
  ['[::1]', true],
  ['128.0.0.1', false],
  ['127.0.0.256', false],
  ['localhost.evil.example', false],
  ['0.0.0.0', false],
  ['evil.example', false],
])('isLoopbackHostname(%s) is %s', (name, expected) => {
  expect(isLoopbackHostname(name)).toBe(expected)
})

test('hosts: loopback names on any port and the trusted origins pass; anything else or malformed does not', () => {
  for (const host of ['localhost:4788', '127.0.0.1:4788', '[::1]:4788', 'localhost', 'app.localhost:3000']) {
    expect(isAllowedHost(host, local), host).toBe(true)
  }
  for (const host of ['evil.example', 'evil.example:4788', 'localhost@evil.example', 'evil.example/@localhost', '']) {
    expect(isAllowedHost(host, local), host).toBe(false)
  }
  const configured = ['https://executor.example.com']
  expect(isAllowedHost('executor.example.com', configured)).toBe(true)
  expect(isAllowedHost('EXECUTOR.example.com:443', configured)).toBe(true)
  expect(isAllowedHost('executor.example.com:8443', configured)).toBe(false)
})

test('origins: trusted and loopback pages pass; other sites, null and junk do not', () => {
  for (const origin of ['http://localhost:4788', 'http://localhost:6274', 'http://127.0.0.1:9', 'https://[::1]:8443']) {
    expect(isAllowedOrigin(origin, local), origin).toBe(true)
  }
  for (const origin of ['http://evil.example', 'null', 'file://', 'http://localhost:4788/path', 'chrome-extension://x']) {
    expect(isAllowedOrigin(origin, local), origin).toBe(false)
  }
})

test('a loopback bind refuses a foreign Host or Origin on /mcp and /api/*', () => {
  expect(refusal('/mcp', { host: 'evil.example:4788' })).toBe('INVALID_HOST')
  expect(refusal('/api/me', { host: 'evil.example' })).toBe('INVALID_HOST')
  expect(refusal('/api/me', { host: '127.0.0.1:4788', origin: 'http://evil.example' })).toBe('INVALID_ORIGIN')
  expect(refusal('/mcp', { host: 'localhost:4788', origin: 'null' })).toBe('INVALID_ORIGIN')
  expect(refusal('/mcp', { host: 'localhost:4788', origin: 'http://localhost:6274' })).toBeUndefined()
  expect(refusal('/api/me', { host: '[::1]:4788' })).toBeUndefined()
})

test('pages and assets, and servers not bound to loopback, are not covered', () => {
  expect(refusal('/login', { host: 'evil.example' })).toBeUndefined()
  expect(refusal('/api/me', { host: 'evil.example', origin: 'http://evil.example' }, { ...policy, loopbackBind: false })).toBeUndefined()
})
