import { expect, test } from 'vitest'
import { AppError } from './app-error'
import { checkOrigin } from './origin-check'

const publicOrigin = 'https://executor.example.com'
const check = (path: string, headers: Record<string, string>, method = 'POST') => () =>
  checkOrigin(new Request(`http://127.0.0.1${path}`, { method, headers }), publicOrigin, 'EXECUTOR_WEB_BASE_URL')

test('refuses a foreign origin on auth endpoints, naming the variable to set', () => {
  expect(check('/api/auth/sign-in/email', { origin: 'https://evil.example' })).toThrow(AppError)
  expect(check('/api/auth/sign-in/email', { origin: 'https://evil.example' })).toThrow(
    /set EXECUTOR_WEB_BASE_URL=https:\/\/evil.example/,
  )
})

test('refuses a foreign origin on any cookie-carrying state change', () => {
  expect(check('/api/invites', { origin: 'null', cookie: 'a=b' })).toThrow(AppError)
  expect(check('/_serverFn/x', { origin: 'http://localhost:4788', cookie: 'a=b' }, 'PUT')).toThrow(AppError)
})

test('lets through the public origin, safe methods, and cookie-less API clients', () => {
  expect(check('/api/auth/sign-in/email', { origin: publicOrigin })).not.toThrow()
  expect(check('/api/auth/get-session', { origin: 'https://evil.example' }, 'GET')).not.toThrow()
  expect(check('/api/invites', { origin: 'https://tool.example', 'x-api-key': 'k' })).not.toThrow()
  expect(check('/api/auth/sign-in/email', {})).not.toThrow()
})

test('every trusted origin passes, the others are still refused', () => {
  const trusted = ['http://localhost:4788', 'http://127.0.0.1:4788']
  const local = (origin: string) => () =>
    checkOrigin(new Request('http://127.0.0.1/api/auth/sign-up/email', { method: 'POST', headers: { origin } }), trusted[0] ?? '', 'EXECUTOR_WEB_BASE_URL', trusted)
  expect(local('http://127.0.0.1:4788')).not.toThrow()
  expect(local('http://localhost:4788')).not.toThrow()
  expect(local('http://127.0.0.1:9999')).toThrow(AppError)
})
