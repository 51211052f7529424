// The container's resolver and pinned connector against real servers on 127.0.0.1, under Node
// (Vitest) and once under Bun (the container's runtime). Host names such as pinned.test never
// reach DNS: the connector is handed the address, which is the point.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createGuardedFetch } from '../net/guarded-fetch'
import { NetworkGuardError } from '../net/guard-error'
import { createStaticResolver } from '../net/static-resolver'
import { startTestServer, type TestServer } from '../net/test-servers'
import { createDnsResolver, createPinnedConnector } from './bun-net'

// A self-signed certificate for pinned.test only, valid until 2126; test material, no secret.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBq6skSmnRFl4WopS
i6f3E30aj2/33KsDEnRpq0yc4euhRANCAASs7QC4xLik0Yk+QiZTEz9SQujn+ju4
BbKJIJtItjx9LWhYYhqiKU2qrVXl82RnQsuun71FLhIcnVxm2ZiwVpSx
-----END PRIVATE KEY-----
`
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUDeHj66J/E41/92roKQHJ/U+Jac8wCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLcGlubmVkLnRlc3QwIBcNMjYxMTI1MDg1NDIwWhgPMjEyNjEx
MDEwODU0MjBaMBYxFDASBgNVBAMMC3Bpbm5lZC50ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAErO0AuMS4pNGJPkImUxM/UkLo5/o7uAWyiSCbSLY8fS1oWGIa
oilNqq1V5fNkZ0LLrp+9RS4SHJ1cZtmYsFaUsaNrMGkwHQYDVR0OBBYEFGVV/Eeo
EMDgvLRIKhqPW/PVCoIDMB8GA1UdIwQYMBaAFGVV/EeoEMDgvLRIKhqPW/PVCoID
MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILcGlubmVkLnRlc3QwCgYIKoZI
zj0EAwIDRwAwRAIgW7PGDmnvbw7Y/w696j0ubGmfFYMJ37DyNtt1FziRraMCIBBC
cMxLIU77SQIp8V23jZWpUmitocEa5a5uFbaWOQyu
-----END CERTIFICATE-----
`

let releaseStream: () => void = () => undefined

let plain: TestServer
let secure: TestServer
beforeAll(async () => {
  plain = await startTestServer((request, response) => {
    const url = new URL(request.path, 'http://test')
    if (url.pathname === '/hang') return
    if (url.pathname === '/redirect') {
      response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/' })
      return void response.end()
    }
    if (url.pathname === '/gzip') {
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
      return void response.end(gzipSync(JSON.stringify({ compressed: true })))
    }
    if (url.pathname === '/cookies') {
      response.writeHead(204, [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ])
      return void response.end()
    }
    if (url.pathname === '/stream') {
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.write('first ')
      releaseStream = () => response.end('last')
      return
    }
    response.writeHead(200, { 'content-type': 'application/json', 'x-server': 'plain' })
    response.end(JSON.stringify(request))
  })
  secure = await startTestServer((request, response) => response.end(`tls for ${request.headers.host}`), {
    key: TLS_KEY,
    cert: TLS_CERT,
  })
})
afterAll(async () => {
  await plain.close()
  await secure.close()
})

const connector = createPinnedConnector({ ca: TLS_CERT, timeoutMs: 2_000 })

test('connects to the pinned address while Host names the URL’s host', async () => {
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/path?q=1`), '127.0.0.1', {
    headers: { 'x-trace': 'one', host: 'ignored.example' },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('x-server')).toBe('plain')
  const seen = await response.json()
  expect(seen).toMatchObject({ method: 'GET', path: '/path?q=1' })
  expect(seen.headers).toMatchObject({ host: `pinned.test:${plain.port}`, 'x-trace': 'one' })
})

test('checks the certificate against the URL’s host, not the address', async () => {
  const response = await connector.fetch(new URL(`https://pinned.test:${secure.port}/`), '127.0.0.1', {})
  expect(await response.text()).toBe(`tls for pinned.test:${secure.port}`)
  const error = await connector
    .fetch(new URL(`https://other.test:${secure.port}/`), '127.0.0.1', {})
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TypeError)
  expect(error).toMatchObject({ cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } })
})

test('never reuses a kept-alive socket for a request pinned to another address', async () => {
  const url = new URL(`http://pinned.test:${plain.port}/`)
  expect((await connector.fetch(url, '127.0.0.1', {})).status).toBe(200)
  // Nothing listens on 127.0.0.3: only a reused socket to 127.0.0.1 could answer.
  const error = await connector.fetch(url, '127.0.0.3', {}).catch((e: unknown) => e)
  expect(error).toMatchObject({ cause: { code: 'ECONNREFUSED' } })
  expect((await connector.fetch(url, '127.0.0.1', {})).status).toBe(200)
})

test.each<[string, BodyInit, string, string | undefined]>([
  ['a string', 'hello', 'hello', 'text/plain;charset=UTF-8'],
  ['bytes', new TextEncoder().encode('bytes!'), 'bytes!', undefined],
  [
    'form parameters',
    new URLSearchParams({ a: '1', b: 'two' }),
    'a=1&b=two',
    'application/x-www-form-urlencoded;charset=UTF-8',
  ],
])('sends %s as the request body', async (_, body, expected, contentType) => {
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/echo`), '127.0.0.1', {
    method: 'POST',
    body,
  })
  const seen = await response.json()
  expect(seen.body).toBe(expected)
  expect(seen.headers['content-length']).toBe(String(expected.length))
  expect(seen.headers['content-type']).toBe(contentType)
})

test('streams a ReadableStream request body in chunks', async () => {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('chunk one, '))
      controller.enqueue(encoder.encode('chunk two'))
      controller.close()
    },
  })
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/echo`), '127.0.0.1', {
    method: 'PUT',
    body,
  })
  const seen = await response.json()
  expect(seen).toMatchObject({ method: 'PUT', body: 'chunk one, chunk two' })
  expect(seen.headers['transfer-encoding']).toBe('chunked')
})

test('refuses a body on GET, as fetch does', async () => {
  await expect(
    connector.fetch(new URL(`http://pinned.test:${plain.port}/`), '127.0.0.1', { body: 'x' }),
  ).rejects.toThrow('A GET request cannot have a body')
})

test('hands the response body over while it is still arriving', async () => {
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/stream`), '127.0.0.1', {})
  const reader = response.body?.getReader()
  const first = await reader?.read()
  expect(new TextDecoder().decode(first?.value)).toBe('first ')
  releaseStream()
  let rest = ''
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    rest += new TextDecoder().decode(chunk.value)
  }
  expect(rest).toBe('last')
})

test('decodes a gzip body like fetch', async () => {
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/gzip`), '127.0.0.1', {})
  await expect(response.json()).resolves.toEqual({ compressed: true })
})

test('keeps every Set-Cookie and gives a 204 no body', async () => {
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/cookies`), '127.0.0.1', {})
  expect(response.status).toBe(204)
  expect(response.body).toBeNull()
  expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
})

test('gives up on a server that sends nothing, with a TimeoutError', async () => {
  const quick = createPinnedConnector({ timeoutMs: 150 })
  const error = await quick
    .fetch(new URL(`http://pinned.test:${plain.port}/hang`), '127.0.0.1', {})
    .catch((e: unknown) => e)
  expect(error).toMatchObject({ name: 'TimeoutError', message: `pinned.test:${plain.port} sent nothing for 150 ms` })
})

test('stops when the signal aborts, rejecting with its reason', async () => {
  const controller = new AbortController()
  const pending = connector.fetch(new URL(`http://pinned.test:${plain.port}/hang`), '127.0.0.1', {
    signal: controller.signal,
  })
  setTimeout(() => controller.abort(), 20)
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  await expect(
    connector.fetch(new URL(`http://pinned.test:${plain.port}/`), '127.0.0.1', { signal: AbortSignal.abort() }),
  ).rejects.toMatchObject({ name: 'AbortError' })
})

test('aborting mid-body errors the body stream', async () => {
  const controller = new AbortController()
  const response = await connector.fetch(new URL(`http://pinned.test:${plain.port}/stream`), '127.0.0.1', {
    signal: controller.signal,
  })
  const reader = response.body?.getReader()
  await reader?.read()
  controller.abort()
  await expect(reader?.read()).rejects.toMatchObject({ name: 'AbortError' })
  releaseStream()
})

test('resolves address literals through the system resolver without DNS', async () => {
  const resolver = createDnsResolver()
  await expect(resolver.resolve('127.0.0.1')).resolves.toEqual([{ address: '127.0.0.1', family: 4 }])
  await expect(resolver.resolve('::1')).resolves.toEqual([{ address: '::1', family: 6 }])
})

test('guarded fetch end to end: pinned hops, Host per hop, credentials dropped across origins', async () => {
  const other = await startTestServer((request, response) => response.end(JSON.stringify(request)))
  try {
    const guardedFetch = createGuardedFetch({
      resolver: createStaticResolver({ 'api.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }),
      connector,
      allowLocalNetwork: true,
    })
    const to = encodeURIComponent(`http://other.test:${other.port}/landing`)
    const response = await guardedFetch(`http://api.test:${plain.port}/redirect?to=${to}`, {
      headers: { 'x-api-key': 'key-123', authorization: 'Bearer t' },
      credentialHeaders: ['x-api-key'],
    })
    const seen = await response.json()
    expect(response.url).toBe(`http://other.test:${other.port}/landing`)
    expect(seen.headers.host).toBe(`other.test:${other.port}`)
    expect(seen.headers).not.toHaveProperty('x-api-key')
    expect(seen.headers).not.toHaveProperty('authorization')
    expect(plain.seen.at(-1)?.headers).toMatchObject({ host: `api.test:${plain.port}`, 'x-api-key': 'key-123' })
  } finally {
    await other.close()
  }
})

test('guarded fetch refuses to replay a streamed body after a 307', async () => {
  const guardedFetch = createGuardedFetch({
    resolver: createStaticResolver({ 'api.test': ['127.0.0.1'] }),
    connector,
    allowLocalNetwork: true,
  })
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('once'))
      controller.close()
    },
  })
  const error = await guardedFetch(`http://api.test:${plain.port}/redirect?status=307&to=/echo`, {
    method: 'POST',
    body,
  }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NetworkGuardError)
  expect(error).toMatchObject({ code: 'REDIRECT_REFUSED' })
})

// Bun runs the container; its node:http is its own implementation, so pinning is proven there too.
const BUN_CHECK = `
const [modulePath, configText] = process.argv.slice(2)
const { createDnsResolver, createPinnedConnector } = await import(modulePath)
const config = JSON.parse(configText)
const connector = createPinnedConnector({ ca: config.ca, timeoutMs: 5000 })
const outcome = (promise) => promise.then((value) => value, (error) => ({ failed: error.cause?.code ?? error.name }))
const plain = await connector.fetch(new URL('http://pinned.test:' + config.httpPort + '/from-bun?x=1'), '127.0.0.1', { method: 'POST', body: 'hello from bun' })
const secure = await connector.fetch(new URL('https://pinned.test:' + config.httpsPort + '/'), '127.0.0.1', {})
const result = {
  runtime: typeof Bun === 'undefined' ? 'node' : 'bun',
  plain: await plain.json(),
  secure: await secure.text(),
  wrongName: await outcome(connector.fetch(new URL('https://other.test:' + config.httpsPort + '/'), '127.0.0.1', {})),
  otherAddress: await outcome(connector.fetch(new URL('http://pinned.test:' + config.httpPort + '/'), '127.0.0.3', {})),
  dns: await createDnsResolver().resolve('127.0.0.1'),
}
console.log(JSON.stringify(result))
process.exit(0)
`

test('pins the same way under Bun', async () => {
  const root = join(import.meta.dirname, '..', '..')
  const dir = await mkdtemp(join(tmpdir(), 'executor-bun-net-'))
  try {
    const script = join(dir, 'check.mjs')
    await writeFile(script, BUN_CHECK)
    const config = JSON.stringify({ httpPort: plain.port, httpsPort: secure.port, ca: TLS_CERT })
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        join(root, 'node_modules', '.bin', 'bun'),
        [script, join(root, 'server', 'platform', 'bun-net.ts'), config],
        { timeout: 30_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      ),
    )
    const result = JSON.parse(stdout)
    expect(result.runtime).toBe('bun')
    expect(result.plain).toMatchObject({ method: 'POST', path: '/from-bun?x=1', body: 'hello from bun' })
    expect(result.plain.headers.host).toBe(`pinned.test:${plain.port}`)
    expect(result.secure).toBe(`tls for pinned.test:${secure.port}`)
    expect(result.wrongName).toEqual({ failed: 'ERR_TLS_CERT_ALTNAME_INVALID' })
    expect(result.otherAddress).toEqual({ failed: 'ECONNREFUSED' })
    expect(result.dns).toEqual([{ address: '127.0.0.1', family: 4 }])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}, 40_000)
