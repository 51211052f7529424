import { expect, test } from 'vitest'
import type { SessionState } from '~/server/auth/session-state'
import { safeRedirect, sessionRedirect } from './session-rules'

const owner = { userId: 'u1', name: 'Ada', email: 'ada@example.com', role: 'owner', via: 'session' } as const
const fresh: SessionState = { needsSetup: true, needsSetupCode: false, identity: 'accounts', principal: null }
const signedOut: SessionState = { needsSetup: false, needsSetupCode: false, identity: 'accounts', principal: null }
const signedIn: SessionState = { needsSetup: false, needsSetupCode: false, identity: 'accounts', principal: owner }
const accessAnonymous: SessionState = { needsSetup: false, needsSetupCode: false, identity: 'access', principal: null }
const at = (href: string) => ({ pathname: href.split('?')[0] ?? href, href })

test('sends every page to /setup until the owner is claimed', () => {
  expect(sessionRedirect(fresh, at('/'))).toBe('/setup')
  expect(sessionRedirect(fresh, at('/login'))).toBe('/setup')
  expect(sessionRedirect(fresh, at('/join/abc'))).toBe('/setup')
  expect(sessionRedirect(fresh, at('/setup'))).toBeUndefined()
})

test('closes /setup once an owner exists', () => {
  expect(sessionRedirect(signedOut, at('/setup'))).toBe('/')
  expect(sessionRedirect(signedIn, at('/setup'))).toBe('/')
})

test('sends signed-out people to /login, remembering where they were going', () => {
  expect(sessionRedirect(signedOut, at('/api-keys?tab=1'))).toBe('/login?redirect=%2Fapi-keys%3Ftab%3D1')
  expect(sessionRedirect(signedOut, at('/'))).toBe('/login')
  expect(sessionRedirect(signedOut, at('/login'))).toBeUndefined()
  expect(sessionRedirect(signedOut, at('/join/abc'))).toBeUndefined()
})

test('sends signed-in people away from /login and lets them through elsewhere', () => {
  expect(sessionRedirect(signedIn, at('/login?redirect=%2Fadmin'))).toBe('/')
  expect(sessionRedirect(signedIn, at('/admin'))).toBeUndefined()
})

test('never redirects to /login behind Cloudflare Access', () => {
  expect(sessionRedirect(accessAnonymous, at('/'))).toBeUndefined()
  expect(sessionRedirect(accessAnonymous, at('/api-keys'))).toBeUndefined()
  expect(sessionRedirect(accessAnonymous, at('/login'))).toBe('/')
})

test('accepts only same-site paths as a place to return to after sign-in', () => {
  expect(safeRedirect('/api-keys?x=1#top')).toBe('/api-keys?x=1#top')
  expect(safeRedirect('//evil.example/path')).toBe('/')
  expect(safeRedirect('/\\evil.example')).toBe('/')
  expect(safeRedirect('https://evil.example/')).toBe('/')
  expect(safeRedirect('javascript:alert(1)')).toBe('/')
  expect(safeRedirect('/\t/evil.example')).toBe('/')
  expect(safeRedirect(undefined)).toBe('/')
  expect(safeRedirect(['/admin'])).toBe('/')
})
