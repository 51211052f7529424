// Sign-in, cookies, lockout, sign-out and the trusted origin.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call, claimOwner, cookieFrom, person, signIn } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
const owner = person('Grace')
beforeAll(async () => {
  server = await startBunServer()
  await claimOwner(server.url, owner)
})
afterAll(stopAll)

test('signing in sets an HttpOnly, SameSite=Lax session cookie, not Secure on an http origin', async () => {
  const result = await signIn(server.url, owner)
  expect(result.status).toBe(200)
  const cookie = result.headers.getSetCookie().find((c) => c.includes('session_token'))
  expect(cookie).toMatch(/HttpOnly/i)
  expect(cookie).toMatch(/SameSite=Lax/i)
  expect(cookie).toMatch(/Path=\//)
  expect(cookie).not.toMatch(/Secure/i)
  expect((await call(server.url, '/api/me', { cookie: result.cookie })).body).toMatchObject({ email: owner.email })
})

test('on an https public origin the cookie is Secure', async () => {
  const https = await startBunServer({ env: { EXECUTOR_WEB_BASE_URL: 'https://executor.example.com' } })
  const response = await fetch(`${https.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://executor.example.com' },
    body: JSON.stringify(person('Secure Owner')),
  })
  expect(response.status).toBe(200)
  const cookie = response.headers.getSetCookie().find((c) => c.includes('session_token'))
  expect(cookie).toMatch(/^__Secure-/)
  expect(cookie).toMatch(/;\s*Secure/i)
  await https.stop()
})

test('a wrong password and an unknown email get the same generic 401', async () => {
  const wrongPassword = await signIn(server.url, { email: owner.email, password: 'Not-The-Password-1' })
  const unknownEmail = await signIn(server.url, { email: 'nobody@example.com', password: 'Not-The-Password-1' })
  expect(wrongPassword.status).toBe(401)
  expect(unknownEmail.status).toBe(401)
  expect(wrongPassword.body.message).toBe(unknownEmail.body.message)
  expect(wrongPassword.cookie).toBe('')
})

test('repeated failures for one account are rate limited with Retry-After, even for the right password', async () => {
  const target = person('Locked')
  const limited = await startBunServer()
  await claimOwner(limited.url, target)
  for (let i = 0; i < 5; i++) {
    expect((await signIn(limited.url, { email: target.email, password: `Wrong-Password-${i}` })).status).toBe(401)
  }
  const blocked = await signIn(limited.url, target)
  expect(blocked.status).toBe(429)
  expect(String(blocked.body.message)).toMatch(/Too many failed sign-in attempts/)
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  // Another account from the same address is not locked by these failures.
  expect((await signIn(limited.url, { email: 'someone@example.com', password: 'Wrong-Password-x' })).status).toBe(401)
  await limited.stop()
})

test('a client cannot dodge the lockout by claiming another address', async () => {
  const target = person('Spoofer')
  const limited = await startBunServer()
  await claimOwner(limited.url, target)
  for (let i = 0; i < 6; i++) {
    await call(limited.url, '/api/auth/sign-in/email', {
      body: { email: target.email, password: 'Wrong-Password-1' },
      headers: { 'x-executor-client-ip': `10.0.0.${i}`, 'x-forwarded-for': `10.0.0.${i}` },
    })
  }
  expect((await signIn(limited.url, target)).status).toBe(429)
  await limited.stop()
})

test('signing out ends the session', async () => {
  const session = await signIn(server.url, owner)
  const out = await call(server.url, '/api/auth/sign-out', { cookie: session.cookie, body: {} })
  expect(out.status).toBe(200)
  expect((await call(server.url, '/api/me', { cookie: session.cookie })).status).toBe(401)
  expect(cookieFrom(out.headers)).toMatch(/session_token=;?/)
})

test('browser auth from another origin is refused with INVALID_ORIGIN naming EXECUTOR_WEB_BASE_URL', async () => {
  const result = await call(server.url, '/api/auth/sign-in/email', {
    body: { email: owner.email, password: owner.password },
    headers: { origin: 'https://phish.example' },
  })
  expect(result.status).toBe(403)
  expect(result.body.code).toBe('INVALID_ORIGIN')
  expect(String(result.body.message)).toContain('EXECUTOR_WEB_BASE_URL=https://phish.example')
  expect(result.headers.getSetCookie()).toEqual([])
})

test('a cookie-carrying change from another origin is refused, the same change from the public origin is not', async () => {
  const session = await signIn(server.url, owner)
  const foreign = await call(server.url, '/api/api-keys', {
    cookie: session.cookie,
    body: { name: 'csrf' },
    headers: { origin: 'https://phish.example' },
  })
  expect(foreign.status).toBe(403)
  expect(foreign.body.code).toBe('INVALID_ORIGIN')
  const own = await call(server.url, '/api/api-keys', { cookie: session.cookie, body: { name: 'mine' } })
  expect(own.status).toBe(201)
})

test('the trusted origin never comes from the Host header', async () => {
  const result = await call(server.url, '/api/auth/sign-in/email', {
    body: { email: owner.email, password: owner.password },
    headers: { origin: 'http://attacker.example', host: 'attacker.example' },
  })
  expect(result.status).toBe(403)
  expect(result.body.code).toBe('INVALID_ORIGIN')
})

test('behind one trusted proxy, clients are locked out by their own X-Forwarded-For address', async () => {
  const target = person('Proxied')
  const proxied = await startBunServer({ env: { EXECUTOR_TRUSTED_PROXY_HOPS: '1' } })
  await claimOwner(proxied.url, target)
  const from = (ip: string) => ({ 'x-forwarded-for': ip })
  for (let i = 0; i < 5; i++) {
    const failed = await call(proxied.url, '/api/auth/sign-in/email', { body: { email: target.email, password: 'Wrong-Password-1' }, headers: from('203.0.113.1') })
    expect(failed.status).toBe(401)
  }
  const locked = await call(proxied.url, '/api/auth/sign-in/email', { body: target, headers: from('203.0.113.1') })
  expect(locked.status).toBe(429)
  // Only the rightmost entry (the one our proxy appended) counts: a forged left part changes nothing.
  expect((await call(proxied.url, '/api/auth/sign-in/email', { body: target, headers: from('198.51.100.9, 203.0.113.1') })).status).toBe(429)
  const other = await call(proxied.url, '/api/auth/sign-in/email', { body: target, headers: from('203.0.113.2') })
  expect(other.status).toBe(200)
  await proxied.stop()
})
