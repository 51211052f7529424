// The Petstore description as tests use it: served by a loopback HTTP server (to add by URL), or
// added pasted with an org API-key connection to a Petstore fixture, through the real API.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { expect } from 'vitest'
import { call } from './accounts'
import { repoRoot } from './paths'

export const readPetstoreYaml = () => readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')

/** Serves the description at `<url>` (`/openapi.yaml`) on 127.0.0.1; anything else is 404. */
export async function servePetstoreDocument(): Promise<{ url: string; yaml: string; close: () => Promise<void> }> {
  const yaml = await readPetstoreYaml()
  const server = http.createServer((request, response) => {
    if (request.url === '/openapi.yaml') response.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml)
    else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml`,
    yaml,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * Adds the description pasted as `petstore` calling `baseUrl`, with the org connection `main`
 * holding `key` as the `api_key` header; the caller's credentials go in `auth` (none under dev auth).
 */
export async function addPetstoreWithKey(serverUrl: string, baseUrl: string, key: string, auth: { cookie?: string; headers?: Record<string, string> } = {}) {
  const added = await call(serverUrl, '/api/integrations', { ...auth, body: { kind: 'openapi', slug: 'petstore', document: await readPetstoreYaml(), baseUrl } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const connection = await call(serverUrl, '/api/integrations/petstore/connections', {
    ...auth,
    body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key } },
  })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
}
