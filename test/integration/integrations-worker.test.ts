// OpenAPI integrations on the Worker target under `wrangler dev` (local D1, dev auth, so every
// request is the dev owner): the Petstore description added pasted and by URL, an org
// connection, a program over /mcp chaining calls against a real Petstore on loopback, search,
// refresh and delete; the network guard refusing loopback without ALLOW_LOCAL_NETWORK; and
// GitHub's ~10 MB description imported inside workerd.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call } from '../harness/accounts'
import { addAndSettle, settleImport } from '../harness/integration-import'
import { connectMcp } from '../harness/mcp-client'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

const PETSTORE_KEY = 'pk_live_petstore_key_0001'
let worker: WorkerServer
let guarded: WorkerServer
let petstore: PetstoreServer
let documentServer: http.Server
let documentUrl: string
let petstoreYaml: string
let integrationId: string

beforeAll(async () => {
  petstoreYaml = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  documentServer = http.createServer((request, response) => {
    if (request.url === '/openapi.yaml') {
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(petstoreYaml)
    } else if (request.url === '/slow.yaml') {
      // Slower than the route's wait, so adding answers 202 and the import outlives the request.
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/yaml' }).end(petstoreYaml), 3_500)
    } else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => documentServer.listen(0, '127.0.0.1', resolve))
  documentUrl = `http://127.0.0.1:${(documentServer.address() as AddressInfo).port}/openapi.yaml`
  ;[worker, guarded] = await Promise.all([
    startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } }),
    startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } }),
  ])
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
  await new Promise((resolve) => documentServer?.close(resolve))
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

/** Dev auth makes every request the dev owner; the MCP client still sends a bearer, which is ignored. */
async function execute(baseUrl: string, code: string) {
  const mcp = await connectMcp(baseUrl, 'unused-with-dev-auth')
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code } })) as Result
  } finally {
    await mcp.close()
  }
}


test('on the Worker, the Petstore description pasted becomes ready with one tool per operation', async () => {
  const added = await addAndSettle(worker.url, { kind: 'openapi', slug: 'petstore', document: petstoreYaml, baseUrl: petstore.baseUrl })
  expect(added, worker.logs().slice(-2000)).toMatchObject({ slug: 'petstore', status: 'ready', toolCount: 19, name: expect.stringContaining('Petstore') })
  integrationId = String(added.id)
  const read = await call(worker.url, `/api/integrations/${integrationId}`)
  expect(read.body).toMatchObject({ status: 'ready', toolCount: 19, details: { securitySchemes: { api_key: { type: 'apiKey', in: 'header', name: 'api_key' } } } })
})

test('on the Worker, an org connection is sealed and a program over /mcp chains calls with per-call history', async () => {
  const created = await call(worker.url, `/api/integrations/${integrationId}/connections`, {
    body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: PETSTORE_KEY } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body).toMatchObject({ address: 'org.main', secretSet: true })
  expect(JSON.stringify(created.body)).not.toContain(PETSTORE_KEY)
  // POST operations need approval by default (the approval tests cover that); adding pets is allowed.
  const allowed = await call(worker.url, '/api/policies', { body: { pattern: 'petstore.*.addPet', action: 'allow' } })
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(201)

  const result = await execute(
    worker.url,
    `const a = await tools.petstore.pet.addPet({ body: { name: 'Rex', photoUrls: [], status: 'available' } })
     await tools.petstore.pet.addPet({ body: { name: 'Tom', photoUrls: [], status: 'sold' } })
     const available = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
     const one = await tools.petstore.org.main.pet.getPetById({ petId: a.data.id })
     return { names: available.data.map((p) => p.name), got: one.data.name, status: one.status }`,
  )
  expect(result.isError, JSON.stringify(result)).toBeFalsy()
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: { names: ['Rex'], got: 'Rex', status: 200 } })
  expect(petstore.seenCredentials.slice(-4)).toEqual([PETSTORE_KEY, PETSTORE_KEY, PETSTORE_KEY, PETSTORE_KEY])

  const executionId = String(result.structuredContent?.executionId ?? result.structuredContent?.id)
  const history = await call(worker.url, `/api/executions/${executionId}`)
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'petstore.pet.addPet', integration: 'petstore', connection: 'org.main', method: 'POST', httpStatus: 200, ok: true }),
    expect.objectContaining({ path: 'petstore.pet.addPet', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'petstore.pet.findPetsByStatus', integration: 'petstore', connection: 'org.main', method: 'GET', httpStatus: 200 }),
    expect.objectContaining({ path: 'petstore.org.main.pet.getPetById', connection: 'org.main', method: 'GET', httpStatus: 200 }),
  ])

  const search = await execute(worker.url, 'return await tools.executor.search({ query: "find pets by status" })')
  expect((search.structuredContent?.result as Array<{ path: string }>)[0]?.path).toBe('petstore.pet.findPetsByStatus')
})

test('on the Worker, an integration added by URL is fetched through the guard, refreshed, and removed', async () => {
  const added = await addAndSettle(worker.url, { kind: 'openapi', slug: 'byurl', url: documentUrl })
  expect(added, worker.logs().slice(-2000)).toMatchObject({ status: 'ready', toolCount: 19, sourceUrl: documentUrl })
  const refreshed = await call(worker.url, '/api/integrations/byurl/refresh', { method: 'POST' })
  expect([200, 202]).toContain(refreshed.status)
  expect(await settleImport(worker.url, refreshed.body, 10_000)).toMatchObject({ status: 'ready', toolCount: 19 })
  const removed = await call(worker.url, '/api/integrations/byurl', { method: 'DELETE' })
  expect(removed.status).toBe(204)
  expect((await call(worker.url, '/api/integrations/byurl')).status).toBe(404)
})

test('on the Worker, an import slower than the answer goes on after the 202 (waitUntil) and becomes ready', async () => {
  const added = await call(worker.url, '/api/integrations', { body: { kind: 'openapi', slug: 'slow', url: documentUrl.replace('openapi.yaml', 'slow.yaml') } })
  expect(added.status, JSON.stringify(added.body)).toBe(202)
  expect(added.body).toMatchObject({ status: 'importing' })
  expect(await settleImport(worker.url, added.body, 15_000)).toMatchObject({ status: 'ready', toolCount: 19 })
})

test('on a Worker without ALLOW_LOCAL_NETWORK, a loopback base URL is refused with a tool error naming the guard', async () => {
  const added = await addAndSettle(guarded.url, { kind: 'openapi', slug: 'petstore', document: petstoreYaml, baseUrl: petstore.baseUrl })
  expect(added).toMatchObject({ status: 'ready', toolCount: 19 })
  await call(guarded.url, `/api/integrations/${String(added.id)}/connections`, {
    body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: PETSTORE_KEY } },
  })
  const seen = petstore.seenCredentials.length
  const result = await execute(guarded.url, 'try { await tools.petstore.pet.findPetsByStatus({ status: "available" }) } catch (e) { return e.message }')
  expect(result.structuredContent?.status).toBe('completed')
  expect(String(result.structuredContent?.result)).toMatch(/Refused to connect to 127\.0\.0\.1 \(loopback[^)]*\).*set ALLOW_LOCAL_NETWORK=true/)
  expect(petstore.seenCredentials.length).toBe(seen)

  // Adding by URL goes through the same guard.
  const byUrl = await addAndSettle(guarded.url, { kind: 'openapi', slug: 'byurl', url: documentUrl })
  expect(byUrl).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('ALLOW_LOCAL_NETWORK') })
})

test('on the Worker, GitHub’s REST description (~10 MB, pasted) imports into 1,000+ tools that search finds', { timeout: 300_000 }, async () => {
  const require = createRequire(import.meta.url)
  const document = await readFile(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
  const started = performance.now()
  const added = await addAndSettle(worker.url, { kind: 'openapi', slug: 'github', document }, 240_000)
  const ms = Math.round(performance.now() - started)
  console.info(`Worker: GitHub description ${(document.length / 1e6).toFixed(1)} MB → ${String(added.toolCount)} tools, ${String(added.status)} in ${ms} ms`)
  expect(added, `${JSON.stringify(added).slice(0, 500)}\n${worker.logs().slice(-3000)}`).toMatchObject({ status: 'ready' })
  expect(added.toolCount).toBeGreaterThan(1000)
  const search = await execute(worker.url, 'return await tools.executor.search({ query: "create issue" })')
  expect((search.structuredContent?.result as Array<{ path: string }>)[0]?.path).toBe('github.issues.create')
})
