// The deployed Worker's configuration under `wrangler dev`: without EXECUTOR_SECRET_KEY it
// explains itself (an HTML page in the console, a 500 JSON error naming the secret for API and
// MCP clients), and its public origin is VITE_PUBLIC_SITE_URL or the request URL's origin.
// Deployed, Cloudflare sets that URL from the route it matched; under `wrangler dev` it is the
// client's Host header, so with dev auth a foreign Host is refused, even as the isolate's first request.
import { afterAll, expect, test } from 'vitest'
import { rawRequest } from '../harness/raw-http'
import { stopAll } from '../harness/process'
import { startWorker } from '../harness/worker-server'

afterAll(stopAll)

test('a Worker without EXECUTOR_SECRET_KEY shows an error page in the console and a 500 naming the secret to API and MCP clients', async () => {
  const broken = await startWorker({ vars: { EXECUTOR_SECRET_KEY: '' }, waitFor: 'listening' })
  const health = await fetch(`${broken.url}/api/health`)
  expect(health.status).toBe(503)
  expect(await health.json()).toEqual({ status: 'degraded' })

  const page = await fetch(`${broken.url}/`)
  expect(page.status).toBe(500)
  expect(page.headers.get('content-type')).toContain('text/html')
  const html = await page.text()
  expect(html).toContain('<h1>Executor is not configured</h1>')
  expect(html).toContain('EXECUTOR_SECRET_KEY is required')
  expect(html).toContain('wrangler secret put EXECUTOR_SECRET_KEY')

  for (const [path, init] of [
    ['/api/me', {}],
    ['/mcp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }],
  ] as const) {
    const response = await fetch(`${broken.url}${path}`, init)
    expect(response.status, path).toBe(500)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ code: 'NOT_CONFIGURED', requestId: expect.any(String) })
    expect(body.message).toContain('EXECUTOR_SECRET_KEY is required')
    expect(response.headers.get('x-request-id')).toBe(body.requestId)
  }
  await broken.stop()
})

test('with dev auth a forged Host is refused, even as the first request, and the origin stays the loopback one', async () => {
  const worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true' }, waitFor: 'port' })
  const forged = await rawRequest(`${worker.url}/.well-known/oauth-protected-resource`, { headers: { host: 'evil.example' } })
  expect(forged.status, forged.text).toBe(403)
  expect(forged.body).toMatchObject({ code: 'INVALID_HOST', requestId: expect.any(String) })
  expect(forged.body.message).toContain('ENABLE_DEV_AUTH')
  const page = await rawRequest(`${worker.url}/`, { headers: { host: 'evil.example:8443' } })
  expect(page.status).toBe(403)
  expect(page.text).not.toContain('dev@localhost')
  const real = await fetch(`${worker.url}/.well-known/oauth-protected-resource`)
  expect(((await real.json()) as { resource: string }).resource).toBe(`${worker.url}/mcp`)
  await worker.stop()
})

test('VITE_PUBLIC_SITE_URL sets the origin the Worker names, whatever Host the first request carries', async () => {
  const worker = await startWorker({ vars: { VITE_PUBLIC_SITE_URL: 'https://executor.example.com/' }, waitFor: 'port' })
  const forged = await rawRequest(`${worker.url}/.well-known/oauth-protected-resource`, { headers: { host: 'evil.example' } })
  expect(forged.status, forged.text).toBe(200)
  expect(forged.body).toMatchObject({ resource: 'https://executor.example.com/mcp', resource_documentation: 'https://executor.example.com/' })
  await worker.stop()
})
