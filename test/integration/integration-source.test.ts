// An integration's source document on the built container: kept by every import (in the database
// blob store), downloaded byte for byte by any member, used to refresh an integration added from a
// pasted document, replaced by a refresh and deleted with the integration.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { servePetstoreDocument } from '../harness/petstore'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let member: Session
let served: Awaited<ReturnType<typeof servePetstoreDocument>>
let documentUrl: string
let petstoreYaml: string

beforeAll(async () => {
  served = await servePetstoreDocument()
  ;({ url: documentUrl, yaml: petstoreYaml } = served)
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Iris Owner'))
  member = await addPerson(server.url, owner, person('Milo Member'), 'member')
})
afterAll(async () => {
  await stopAll()
  await served?.close()
})

async function download(path: string, who: Session) {
  return fetch(`${server.url}${path}`, { headers: { cookie: who.cookie } })
}

test('an import by URL keeps the description; a member downloads it byte for byte, with its type and file name', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'petstore', url: documentUrl } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const bytes = new TextEncoder().encode(petstoreYaml).byteLength
  expect((added.body.details as { source?: unknown }).source).toEqual({ size: bytes, contentType: 'application/yaml', fileName: 'petstore.openapi.yaml' })

  const response = await download(`/api/integrations/${String(added.body.id)}/source`, member)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/yaml')
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="petstore.openapi.yaml"')
  expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(petstoreYaml))).toBe(true)
  // by slug too, as every integration route
  expect((await download('/api/integrations/petstore/source', member)).status).toBe(200)
  expect((await fetch(`${server.url}/api/integrations/petstore/source`)).status).toBe(401)
})

test('an integration added from a pasted document refreshes from the stored one when no body is sent', async () => {
  const document = petstoreYaml.replace(/title: .*/, 'title: Pasted Petstore')
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'pasted', document } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  expect(added.body.sourceUrl).toBeNull()

  const refreshed = await call(server.url, '/api/integrations/pasted/refresh', { cookie: owner.cookie, method: 'POST' })
  expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200)
  expect(refreshed.body).toMatchObject({ status: 'ready', toolCount: added.body.toolCount })
  expect(await (await download('/api/integrations/pasted/source', member)).text()).toBe(document)

  // A new text still refreshes it, and replaces the stored source.
  const changed = JSON.stringify({ openapi: '3.0.3', info: { title: 'One', version: '1' }, paths: { '/ping': { get: { operationId: 'ping', responses: { 200: { description: 'ok' } } } } } })
  const replaced = await call(server.url, '/api/integrations/pasted/refresh', { cookie: owner.cookie, body: { document: changed } })
  expect(replaced.body).toMatchObject({ status: 'ready', toolCount: 1, details: { source: { contentType: 'application/json', fileName: 'pasted.openapi.json' } } })
  const response = await download('/api/integrations/pasted/source', member)
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(await response.text()).toBe(changed)
})

test('no stored source is a 404 JSON error; deleting the integration deletes its source', async () => {
  const failed = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'broken', document: 'not: [an openapi' } })
  expect(failed.body.status).toBe('failed')
  const missing = await call(server.url, '/api/integrations/broken/source', { cookie: member.cookie })
  expect(missing.status).toBe(404)
  expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No source document is stored'), requestId: expect.any(String) })

  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'doomed', url: documentUrl } })
  const key = `integrations/${String(added.body.id)}/source`
  expect(await sql(server.dataDir, 'select count(*) as n from blob where key = ?', [key])).toEqual([expect.objectContaining({ n: 1 })])
  expect((await call(server.url, '/api/integrations/doomed', { cookie: owner.cookie, method: 'DELETE' })).status).toBe(204)
  expect(await sql(server.dataDir, 'select count(*) as n from blob where key = ?', [key])).toEqual([expect.objectContaining({ n: 0 })])
  expect(await sql(server.dataDir, 'select count(*) as n from blob_chunk where key = ?', [key])).toEqual([expect.objectContaining({ n: 0 })])
  expect((await call(server.url, '/api/integrations/doomed/source', { cookie: member.cookie })).status).toBe(404)
})
