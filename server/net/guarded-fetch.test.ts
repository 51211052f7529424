// Redirects against real servers on 127.0.0.1 (the local network is allowed here so loopback is
// reachable; metadata stays refused), through a connector that records every hop it was asked
// for. Two ports are two origins.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { HttpConnector } from '../platform/types'
import { createUnpinnedConnector } from './fetch-connector'
import { NetworkGuardError } from './guard-error'
import { createGuardedFetch, type GuardedFetchOptions } from './guarded-fetch'
import { createStaticResolver } from './static-resolver'
import { startTestServer, type TestHandler, type TestServer } from './test-servers'

interface Hop {
  readonly url: string
  readonly address: string
  readonly method: string
  readonly headers: Record<string, string>
}

function recordingConnector(inner: HttpConnector = createUnpinnedConnector()) {
  const hops: Hop[] = []
  const connector: HttpConnector = {
    fetch(url, address, init) {
      hops.push({
        url: url.href,
        address,
        method: init.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init.headers)),
      })
      return inner.fetch(url, address, init)
    },
  }
  return { hops, connector }
}

const routes: TestHandler = (request, response) => {
  const url = new URL(request.path, 'http://test')
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname)
  if (chain) {
    const left = Number(chain[1])
    if (left === 0) return void response.end('end of chain')
    response.writeHead(302, { location: `/chain/${left - 1}` })
    return void response.end()
  }
  if (url.pathname.endsWith('/redirect')) {
    const location = url.searchParams.get('to')
    response.writeHead(Number(url.searchParams.get('status') ?? 302), location === null ? {} : { location })
    return void response.end('moved')
  }
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify(request))
}

let a: TestServer
let b: TestServer
beforeAll(async () => {
  a = await startTestServer(routes)
  b = await startTestServer(routes)
})
afterAll(async () => {
  await a.close()
  await b.close()
})

function localFetch(options: Partial<GuardedFetchOptions> = {}) {
  const recorder = recordingConnector()
  const guardedFetch = createGuardedFetch({
    resolver: createStaticResolver({}),
    connector: recorder.connector,
    allowLocalNetwork: true,
    ...options,
  })
  return { guardedFetch, hops: recorder.hops }
}

function redirectTo(server: TestServer, location: string, status = 302): string {
  return `${server.origin}/redirect?status=${status}&to=${encodeURIComponent(location)}`
}

async function refusal(promise: Promise<unknown>): Promise<NetworkGuardError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (error: unknown) => error,
  )
  if (!(error instanceof NetworkGuardError)) throw error
  return error
}

const CREDENTIALS = {
  authorization: 'Bearer secret-token',
  cookie: 'session=abc',
  'proxy-authorization': 'Basic cHJveHk=',
  'x-api-key': 'key-123',
  'x-trace': 'kept',
}

test('follows a chain of ten redirects and returns the last response with its URL', async () => {
  const { guardedFetch, hops } = localFetch()
  const response = await guardedFetch(`${a.origin}/chain/10`)
  expect(await response.text()).toBe('end of chain')
  expect(response.url).toBe(`${a.origin}/chain/0`)
  expect(response.redirected).toBe(true)
  expect(hops).toHaveLength(11)
  expect(hops.every((hop) => hop.address === '127.0.0.1')).toBe(true)
})

test('stops at the eleventh redirect with TOO_MANY_REDIRECTS', async () => {
  const { guardedFetch, hops } = localFetch()
  const error = await refusal(guardedFetch(`${a.origin}/chain/11`))
  expect(error.code).toBe('TOO_MANY_REDIRECTS')
  expect(error.message).toBe(`Stopped after 10 redirects; the last came from 127.0.0.1:${a.port}`)
  expect(hops).toHaveLength(11)
})

test('takes a lower redirect limit', async () => {
  const { guardedFetch } = localFetch({ maxRedirects: 2 })
  await expect(guardedFetch(`${a.origin}/chain/2`).then((response) => response.text())).resolves.toBe('end of chain')
  expect((await refusal(guardedFetch(`${a.origin}/chain/3`))).code).toBe('TOO_MANY_REDIRECTS')
})

test.each([
  ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'BLOCKED_ADDRESS'],
  ['http://0xa9fea9fe/latest/meta-data/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:a9fe:a9fe]/', 'BLOCKED_ADDRESS'],
  ['http://[fd00:ec2::254]/latest/api/token', 'BLOCKED_ADDRESS'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'BLOCKED_HOST'],
  ['file:///etc/passwd', 'UNSUPPORTED_SCHEME'],
  ['http://user:pw@127.0.0.1/', 'CREDENTIALS_IN_URL'],
])('refuses a redirect to %s before connecting to it', async (location, code) => {
  const { guardedFetch, hops } = localFetch()
  const error = await refusal(guardedFetch(redirectTo(a, location)))
  expect(error.code).toBe(code)
  expect(error.message).toContain(`(redirected from 127.0.0.1:${a.port})`)
  expect(hops).toHaveLength(1)
})

test('refuses a public host redirecting to loopback while the local network is not allowed', async () => {
  const hops: string[] = []
  const guardedFetch = createGuardedFetch({
    resolver: createStaticResolver({ 'api.example.com': ['93.184.215.14'] }),
    connector: {
      async fetch(url) {
        hops.push(url.href)
        return new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:4788/api/admin' } })
      },
    },
    allowLocalNetwork: false,
  })
  const error = await refusal(guardedFetch('https://api.example.com/start'))
  expect(error.message).toBe(
    'Refused to connect to 127.0.0.1 (loopback address); set EXECUTOR_ALLOW_LOCAL_NETWORK=true to allow ' +
      'local network destinations (redirected from api.example.com)',
  )
  expect(hops).toEqual(['https://api.example.com/start'])
})

test('drops Authorization, Cookie, Proxy-Authorization and injected credentials on a cross-origin hop', async () => {
  const { guardedFetch } = localFetch()
  const response = await guardedFetch(redirectTo(a, `${b.origin}/echo`), {
    headers: CREDENTIALS,
    credentialHeaders: ['X-API-Key'],
  })
  const atB = await response.json()
  expect(atB.headers).not.toHaveProperty('authorization')
  expect(atB.headers).not.toHaveProperty('cookie')
  expect(atB.headers).not.toHaveProperty('proxy-authorization')
  expect(atB.headers).not.toHaveProperty('x-api-key')
  expect(atB.headers['x-trace']).toBe('kept')
  expect(a.seen.at(-1)?.headers).toMatchObject(CREDENTIALS)
})

test('keeps credentials on a same-origin hop', async () => {
  const { guardedFetch } = localFetch()
  const response = await guardedFetch(redirectTo(a, '/echo'), {
    headers: CREDENTIALS,
    credentialHeaders: ['x-api-key'],
  })
  expect((await response.json()).headers).toMatchObject(CREDENTIALS)
})

test('does not restore credentials when a later hop returns to the first origin', async () => {
  const { guardedFetch } = localFetch()
  const response = await guardedFetch(redirectTo(a, redirectTo(b, `${a.origin}/echo`)), {
    headers: CREDENTIALS,
    credentialHeaders: ['x-api-key'],
  })
  const back = await response.json()
  expect(back.path).toBe('/echo')
  expect(back.headers).not.toHaveProperty('authorization')
  expect(back.headers).not.toHaveProperty('x-api-key')
})

test('treats a protocol-relative Location on another port as cross-origin', async () => {
  const { guardedFetch } = localFetch()
  const response = await guardedFetch(redirectTo(a, `//127.0.0.1:${b.port}/echo`), { headers: CREDENTIALS })
  const atB = await response.json()
  expect(atB.headers).not.toHaveProperty('authorization')
  expect(b.seen.at(-1)?.path).toBe('/echo')
})

test('resolves a relative Location against the current URL', async () => {
  const { guardedFetch, hops } = localFetch()
  const response = await guardedFetch(`${a.origin}/deep/path/redirect?to=../echo`)
  expect((await response.json()).path).toBe('/deep/echo')
  expect(hops.map((hop) => hop.url)).toEqual([`${a.origin}/deep/path/redirect?to=../echo`, `${a.origin}/deep/echo`])
})

test.each([
  [303, 'POST', 'GET', ''],
  [303, 'PUT', 'GET', ''],
  [301, 'POST', 'GET', ''],
  [302, 'POST', 'GET', ''],
  [302, 'PUT', 'PUT', 'payload'],
  [307, 'POST', 'POST', 'payload'],
  [308, 'POST', 'POST', 'payload'],
])('after a %i, a %s continues as %s as browsers do', async (status, method, expectedMethod, expectedBody) => {
  const { guardedFetch } = localFetch()
  const response = await guardedFetch(redirectTo(a, '/echo', status), {
    method,
    body: 'payload',
    headers: { 'content-type': 'text/plain', 'x-trace': 'kept' },
  })
  const echo = await response.json()
  expect(echo.method).toBe(expectedMethod)
  expect(echo.body).toBe(expectedBody)
  expect(echo.headers['x-trace']).toBe('kept')
  if (expectedMethod === 'GET') expect(echo.headers).not.toHaveProperty('content-type')
  else expect(echo.headers['content-type']).toBe('text/plain')
})

test('hands back the redirect itself with redirect: manual', async () => {
  const { guardedFetch, hops } = localFetch()
  const response = await guardedFetch(redirectTo(a, '/echo'), { redirect: 'manual' })
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/echo')
  expect(hops).toHaveLength(1)
})

test('refuses any redirect with redirect: error', async () => {
  const { guardedFetch } = localFetch()
  expect((await refusal(guardedFetch(redirectTo(a, '/echo'), { redirect: 'error' }))).code).toBe('REDIRECT_REFUSED')
})

test('returns a 3xx without Location as the final response', async () => {
  const { guardedFetch, hops } = localFetch()
  const response = await guardedFetch(`${a.origin}/redirect?status=300`)
  expect(response.status).toBe(300)
  expect(response.redirected).toBe(false)
  expect(hops).toHaveLength(1)
})

test('refuses a Location that is not a URL', async () => {
  const { guardedFetch } = localFetch()
  const error = await refusal(guardedFetch(redirectTo(a, 'http://[::1')))
  expect(error).toMatchObject({ code: 'INVALID_URL', message: `127.0.0.1:${a.port} redirected to an invalid URL` })
})

test('resolves a rebinding name once and connects to the address it checked', async () => {
  // A rebinding DNS server: public on the first answer, loopback on every later one.
  const resolver = createStaticResolver({
    'rebind.example.com': (call) => (call === 1 ? ['93.184.215.14'] : ['127.0.0.1']),
  })
  const recorder = recordingConnector({ fetch: async () => new Response('pinned') })
  const guardedFetch = createGuardedFetch({ resolver, connector: recorder.connector, allowLocalNetwork: false })

  await expect(guardedFetch('http://rebind.example.com/').then((response) => response.text())).resolves.toBe('pinned')
  expect(resolver.calls).toEqual(['rebind.example.com'])
  expect(recorder.hops).toEqual([
    expect.objectContaining({ url: 'http://rebind.example.com/', address: '93.184.215.14' }),
  ])

  // The next request sees the rebound answer and is refused, so the stub really did rebind.
  const error = await refusal(guardedFetch('http://rebind.example.com/'))
  expect(error.message).toContain('127.0.0.1 (loopback address) for rebind.example.com')
  expect(recorder.hops).toHaveLength(1)
})

test('resolves each hop’s own name once', async () => {
  const resolver = createStaticResolver({ 'a.example.com': ['93.184.215.14'], 'b.example.com': ['1.1.1.1'] })
  const recorder = recordingConnector({
    fetch: async (url) =>
      url.hostname === 'a.example.com'
        ? new Response(null, { status: 307, headers: { location: 'https://b.example.com/next' } })
        : new Response('done'),
  })
  const guardedFetch = createGuardedFetch({ resolver, connector: recorder.connector, allowLocalNetwork: false })
  await guardedFetch('https://a.example.com/')
  expect(resolver.calls).toEqual(['a.example.com', 'b.example.com'])
  expect(recorder.hops.map((hop) => hop.address)).toEqual(['93.184.215.14', '1.1.1.1'])
})
