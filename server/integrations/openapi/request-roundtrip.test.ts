// The whole path an operation call takes, against a real HTTP server on 127.0.0.1 reached
// through the network guard (local network allowed here so loopback is reachable): the server
// echoes the credential back in response headers, the body and error messages, and nothing the
// sandbox would get (result or error) may hold the canary secret in any form.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUnpinnedConnector } from '../../net/fetch-connector'
import { createGuardedFetch } from '../../net/guarded-fetch'
import { createStaticResolver } from '../../net/static-resolver'
import { startTestServer, type TestServer } from '../../net/test-servers'
import { buildRequest } from './build-request'
import { base64OfUtf8, type Credential } from './credentials'
import type { OperationSpec } from './operation'
import { readResponse } from './read-response'
import { upstreamFailure } from './upstream-failure'

// `/`, `+`, `=` and a space make the percent-encoded form differ from the raw one.
const CANARY = 'canary/7f3a+9c= Zq'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const url = new URL(request.path, 'http://test')
    const authorization = request.headers.authorization ?? ''
    const basic = authorization.startsWith('Basic ') ? atob(authorization.slice(6)) : ''
    const echo = {
      url: request.path,
      authorization,
      basic,
      apiKey: request.headers['x-api-key'] ?? '',
      cookie: request.headers.cookie ?? '',
      body: request.body,
    }
    const everything = Object.values(echo).join(' | ')
    const headers = {
      'x-echo-authorization': authorization,
      'x-echo-key': String(echo.apiKey),
      'x-echo-url': request.path,
      'set-cookie': `session=${encodeURIComponent(everything)}`,
      'x-request-id': 'req-1',
    }
    if (url.pathname === '/v1/denied') {
      response.writeHead(401, {
        ...headers,
        'content-type': 'application/json',
        'www-authenticate': `Bearer ${authorization}`,
      })
      return void response.end(JSON.stringify({ message: `invalid credential: ${everything}` }))
    }
    if (url.pathname === '/v1/boom') {
      response.writeHead(500, { ...headers, 'content-type': 'text/plain' })
      return void response.end(`internal error while handling ${everything}`)
    }
    if (url.pathname === '/v1/text') {
      response.writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      return void response.end(everything)
    }
    if (url.pathname === '/v1/binary') {
      response.writeHead(200, { ...headers, 'content-type': 'application/octet-stream' })
      return void response.end(Buffer.from(`\u0000${everything}\u0000`))
    }
    response.writeHead(200, { ...headers, 'content-type': 'application/json' })
    response.end(JSON.stringify(echo))
  })
})
afterAll(async () => {
  await server.close()
})

const guardedFetch = createGuardedFetch({
  resolver: createStaticResolver({}),
  connector: createUnpinnedConnector(),
  allowLocalNetwork: true,
})

function operation(path: string): OperationSpec {
  return {
    method: 'post',
    path,
    tags: [],
    deprecated: false,
    security: ['key'],
    parameters: [{ name: 'id', in: 'query', required: true }],
    body: { required: false, contentTypes: ['application/json', 'multipart/form-data'] },
  }
}

const credentials: [string, Credential, string[]][] = [
  ['bearer', { type: 'bearer', token: CANARY }, [CANARY]],
  ['basic', { type: 'basic', username: 'ops', password: CANARY }, [CANARY, base64OfUtf8(`ops:${CANARY}`)]],
  ['API key header', { type: 'apiKey', in: 'header', name: 'X-API-Key', key: CANARY, prefix: 'token ' }, [CANARY]],
  ['API key query', { type: 'apiKey', in: 'query', name: 'key', key: CANARY }, [CANARY, encodeURIComponent(CANARY)]],
  ['API key cookie', { type: 'apiKey', in: 'cookie', name: 'key', key: CANARY }, [CANARY, encodeURIComponent(CANARY)]],
]

async function call(path: string, credential: Credential, body: unknown = { hello: 'world' }, contentType?: string) {
  const built = buildRequest(
    operation(path),
    { id: 7, body, contentType },
    { baseUrl: `${server.origin}/v1/`, credential },
  )
  const response = await guardedFetch(built.url, built.init)
  return readResponse(response, { secrets: built.secrets, connectionName: 'acme-prod', maxBytes: 64 * 1024 })
}

function expectNoCanary(value: unknown, forms: string[]) {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  for (const form of forms) expect(text).not.toContain(form)
  // and no large piece of it either (e.g. the part before the first encoded character)
  expect(text).not.toContain('canary/7f3a')
  expect(text).not.toContain('7f3a+9c')
}

describe.each(credentials)('%s', (_, credential, forms) => {
  test('the server gets the credential; the JSON result holds it nowhere', async () => {
    const result = await call('/echo', credential)
    const seen = JSON.stringify(server.seen.at(-1))
    expect(forms.some((form) => seen.includes(form))).toBe(true)
    expect(result.status).toBe(200)
    expect(result.headers['x-request-id']).toBe('req-1')
    expect(result.headers['set-cookie']).toBeUndefined()
    expect((result.data as { body: string }).body).toBe('{"hello":"world"}')
    expect((result.data as { url: string }).url).toMatch(/^\/v1\/echo\?id=7/)
    expectNoCanary(result, forms)
  })

  test('text and binary results hold it nowhere', async () => {
    const text = await call('/text', credential)
    expect(text.data).toMatch(/\[redacted\]/)
    expectNoCanary(text, forms)
    const binary = await call('/binary', credential)
    expectNoCanary(atob((binary.data as { $base64: string }).$base64), forms)
    expectNoCanary(binary, forms)
  })

  test('a multipart body goes through and the echo is redacted', async () => {
    const result = await call(
      '/echo',
      credential,
      { note: 'hi', file: { $base64: btoa('abc'), filename: 'a.txt' } },
      'multipart/form-data',
    )
    expect((result.data as { body: string }).body).toMatch(/filename="a.txt"/)
    expectNoCanary(result, forms)
  })

  test('a 401 names the connection and holds it nowhere', async () => {
    const error = await upstreamFailure(call('/denied', credential))
    expect(error.status).toBe(401)
    expect(error.message).toMatch(
      /^The upstream rejected the credential of connection "acme-prod" \(HTTP 401\): invalid credential: /,
    )
    expectNoCanary(error.message, forms)
    expectNoCanary(String(error.stack), forms)
    expectNoCanary({ ...error }, forms)
  })

  test('a 500 says what the upstream said and holds it nowhere', async () => {
    const error = await upstreamFailure(call('/boom', credential))
    expect(error.status).toBe(500)
    expect(error.message).toMatch(/^The upstream answered HTTP 500: internal error while handling /)
    expectNoCanary(error.message, forms)
    expectNoCanary({ ...error }, forms)
  })
})
