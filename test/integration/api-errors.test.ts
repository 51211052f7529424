import { afterAll, beforeAll, expect, test } from 'vitest'
import { claimOwner } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
beforeAll(async () => {
  server = await startBunServer()
})
afterAll(stopAll)

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as { code: string; message: string; requestId: string }
  expect(body.code).toBe(code)
  expect(body.message.length).toBeGreaterThan(5)
  expect(body.requestId).toBe(response.headers.get('x-request-id'))
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/)
  return body
}

test('unknown /api/ routes answer 404 JSON for every method, not the HTML shell', async () => {
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const error = await expectJsonError(await fetch(`${server.url}/api/no/such/route`, { method }), 404, 'NOT_FOUND')
    expect(error.message).toContain('/api/no/such/route')
  }
})

test('a malformed JSON body on an API route answers 400 JSON with a message', async () => {
  for (const path of ['/api/health', '/api/no-such-route']) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "x",',
    })
    const error = await expectJsonError(response, 400, 'BAD_REQUEST')
    expect(error.message).toMatch(/^Malformed JSON body/)
  }
})

test('a method an API route does not serve answers 405 JSON, never a page or a redirect', async () => {
  for (const [method, path] of [['POST', '/api/health'], ['DELETE', '/api/setup-status'], ['PUT', '/api/invites'], ['PATCH', '/api/auth/sign-in/email']]) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      redirect: 'manual',
    })
    const error = await expectJsonError(response, 405, 'METHOD_NOT_ALLOWED')
    expect(error.message).toBe(`${method} is not allowed on ${path}`)
  }
})

test('unknown console pages answer 404 with the HTML not-found page', async () => {
  const owner = await claimOwner(server.url)
  const response = await fetch(`${server.url}/no-such-page`, { headers: { cookie: owner.cookie } })
  expect(response.status).toBe(404)
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  expect(await response.text()).toContain('Page not found')
})
