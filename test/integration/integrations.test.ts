// OpenAPI integrations end to end on the built container: add the Petstore description (pasted
// and by URL), add connections, and run agent programs over /mcp that chain calls against a
// real Petstore server on loopback; check results, history, visibility and refresh/delete.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { addPerson, call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

const PETSTORE_KEY = 'pk_live_petstore_key_0001'
let server: BunServer
let owner: Session
let member: Session & { userId: string }
let ownerKey: string
let memberKey: string
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
    } else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => documentServer.listen(0, '127.0.0.1', resolve))
  documentUrl = `http://127.0.0.1:${(documentServer.address() as AddressInfo).port}/openapi.yaml`
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Iris Owner'))
  member = await addPerson(server.url, owner, person('Milo Member'), 'member')
  ownerKey = await createApiKey(server.url, owner)
  memberKey = await createApiKey(server.url, member)
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
  await new Promise((resolve) => documentServer?.close(resolve))
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

async function execute(apiKey: string, code: string) {
  const mcp = await connectMcp(server.url, apiKey)
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code } })) as Result
  } finally {
    await mcp.close()
  }
}

test('an admin adds the Petstore description pasted, and it is ready with one tool per operation', async () => {
  const added = await call(server.url, '/api/integrations', {
    cookie: owner.cookie,
    body: { kind: 'openapi', slug: 'petstore', document: petstoreYaml, baseUrl: petstore.baseUrl },
  })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  expect(added.body).toMatchObject({ slug: 'petstore', status: 'ready', toolCount: 19, name: expect.stringContaining('Petstore') })
  integrationId = String(added.body.id)
  const read = await call(server.url, `/api/integrations/${integrationId}`, { cookie: member.cookie })
  expect(read.body).toMatchObject({ id: integrationId, status: 'ready', toolCount: 19, details: { securitySchemes: { api_key: { type: 'apiKey', in: 'header', name: 'api_key' } } } })
  const tools = await call(server.url, `/api/integrations/petstore/tools?limit=5`, { cookie: member.cookie })
  expect((tools.body.tools as unknown[]).length).toBe(5)
  expect(tools.body.nextCursor).toEqual(expect.any(String))
})

test('members cannot add integrations, and bad bodies get clear errors', async () => {
  const denied = await call(server.url, '/api/integrations', { cookie: member.cookie, body: { kind: 'openapi', slug: 'x1', document: petstoreYaml } })
  expect(denied.status).toBe(403)
  const both = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'x2', document: 'a', url: documentUrl } })
  expect(both.status).toBe(400)
  const badSlug = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'Bad-Slug', document: 'a' } })
  expect(badSlug.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('slug') })
  const taken = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'petstore', document: petstoreYaml } })
  expect(taken.status).toBe(409)
  const garbage = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'garbage', document: '{ not: [valid' } })
  expect(garbage.body).toMatchObject({ status: 'failed', statusMessage: expect.any(String) })
})

test('without a connection the agent is told how to get one; with one, a program chains calls', async () => {
  const before = await execute(ownerKey, 'return await tools.petstore.pet.findPetsByStatus({ status: "available" })')
  expect(JSON.stringify(before)).toContain('has no connection you can use')

  const created = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: PETSTORE_KEY } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body).toMatchObject({ address: 'org.main', secretSet: true, auth: { type: 'apiKey', in: 'header', name: 'api_key' } })
  expect(JSON.stringify(created.body)).not.toContain(PETSTORE_KEY)

  // POST operations need approval by default; this org lets agents add pets.
  const allowed = await call(server.url, '/api/policies', { cookie: owner.cookie, body: { pattern: 'petstore.*.addPet', action: 'allow' } })
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(201)
  const result = await execute(
    memberKey,
    `const a = await tools.petstore.pet.addPet({ body: { name: 'Rex', photoUrls: [], status: 'available' } })
     await tools.petstore.pet.addPet({ body: { name: 'Tom', photoUrls: [], status: 'sold' } })
     const available = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
     const names = available.data.map((p) => p.name)
     const one = await tools.petstore.org.main.pet.getPetById({ petId: a.data.id })
     return { names, got: one.data.name, status: one.status }`,
  )
  expect(result.isError, JSON.stringify(result)).toBeFalsy()
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: { names: ['Rex'], got: 'Rex', status: 200 } })
  expect(petstore.seenCredentials.slice(-4)).toEqual([PETSTORE_KEY, PETSTORE_KEY, PETSTORE_KEY, PETSTORE_KEY])

  const executionId = String(result.structuredContent?.executionId ?? result.structuredContent?.id)
  const history = await call(server.url, `/api/executions/${executionId}`, { cookie: member.cookie })
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({
      path: 'petstore.pet.addPet',
      integration: 'petstore',
      connection: 'org.main',
      method: 'POST',
      httpStatus: 200,
      ok: true,
      policy: expect.objectContaining({ action: 'allow', source: 'rule', rule: expect.objectContaining({ pattern: 'petstore.*.addPet' }) }),
    }),
    expect.objectContaining({ path: 'petstore.pet.addPet', method: 'POST' }),
    expect.objectContaining({ path: 'petstore.pet.findPetsByStatus', method: 'GET', httpStatus: 200, policy: expect.objectContaining({ action: 'allow', source: 'default' }) }),
    expect.objectContaining({ path: 'petstore.org.main.pet.getPetById', connection: 'org.main', method: 'GET', httpStatus: 200 }),
  ])
})

test('an upstream error reaches the agent with its status and message; 404 is not a credential problem', async () => {
  const result = await execute(ownerKey, 'try { await tools.petstore.pet.getPetById({ petId: 99999 }) } catch (e) { return e.message }')
  expect(String(result.structuredContent?.result)).toMatch(/404/)
  expect(String(result.structuredContent?.result)).toContain('Pet not found')
})

test('a personal connection is its owner’s alone; with two, the alias asks to name one', async () => {
  const personal = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: member.cookie,
    body: { name: 'mine', scope: 'user', auth: { type: 'bearer', token: PETSTORE_KEY } },
  })
  expect(personal.status, JSON.stringify(personal.body)).toBe(201)
  const memberView = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: member.cookie })
  expect((memberView.body.connections as Array<{ address: string }>).map((c) => c.address).sort()).toEqual(['me.mine', 'org.main'])
  const ownerView = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: owner.cookie })
  expect((ownerView.body.connections as Array<{ address: string }>).map((c) => c.address)).toEqual(['org.main'])
  const orgByMember = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: member.cookie,
    body: { name: 'shared', scope: 'org', auth: { type: 'none' } },
  })
  expect(orgByMember.status).toBe(403)

  const ambiguous = await execute(memberKey, 'return await tools.petstore.pet.findPetsByStatus({ status: "sold" })')
  expect(JSON.stringify(ambiguous)).toContain('org.main, me.mine')
  const named = await execute(memberKey, 'const r = await tools.petstore.me.mine.pet.findPetsByStatus({ status: "sold" }); return r.data.map((p) => p.name)')
  expect(named.structuredContent).toMatchObject({ status: 'completed', result: ['Tom'] })
  const search = await execute(memberKey, 'return await tools.executor.search({ query: "find pets by status" })')
  expect((search.structuredContent?.result as Array<Record<string, unknown>>)[0]).toMatchObject({
    path: 'petstore.org.main.pet.findPetsByStatus',
    connections: ['org.main', 'me.mine'],
  })
  // describe gives the declaration, with the caller's own path in it, and keeps it for next time
  const described = await execute(memberKey, 'return await tools.executor.describe({ path: "petstore.org.main.pet.findPetsByStatus" })')
  const declaration = String((described.structuredContent?.result as { declaration?: string }).declaration)
  expect(declaration).toContain('declare namespace tools.petstore.org.main.pet {')
  expect(declaration).toContain('function findPetsByStatus(input: {')
  expect(declaration).toMatch(/status\?: \("available" \| "pending" \| "sold"\)/)
  const stored = await sql(server.dataDir, "select declaration from tool where path = 'pet.findPetsByStatus'")
  expect(String(stored[0]?.declaration)).toContain('declare namespace tools.petstore.pet {')
  const mcp = await connectMcp(server.url, ownerKey)
  const overMcp = (await mcp.client.callTool({ name: 'describe', arguments: { path: 'petstore.pet.findPetsByStatus' } })) as Result
  await mcp.close()
  expect(overMcp.content[0]?.text).toContain('declare namespace tools.petstore.pet {')
  const ownerSearch = await execute(ownerKey, 'return await tools.executor.search({ query: "pet" })')
  expect((ownerSearch.structuredContent?.result as Array<{ path: string }>)[0]?.path).toMatch(/^petstore\.pet\./)
})

test('an integration added by URL is fetched through the guard, refreshed, and removed', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'byurl', url: documentUrl } })
  expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready', toolCount: 19, sourceUrl: documentUrl })
  const refreshed = await call(server.url, `/api/integrations/byurl/refresh`, { cookie: owner.cookie, method: 'POST' })
  expect(refreshed.body).toMatchObject({ status: 'ready', toolCount: 19 })
  const broken = await call(server.url, `/api/integrations/byurl/refresh`, { cookie: owner.cookie, body: { document: 'openapi: 3.0.0\ninfo: [' } })
  expect(broken.body).toMatchObject({ status: 'failed', toolCount: 19 })
  const removed = await call(server.url, `/api/integrations/byurl`, { cookie: owner.cookie, method: 'DELETE' })
  expect(removed.status).toBe(204)
  expect((await call(server.url, `/api/integrations/byurl`, { cookie: owner.cookie })).status).toBe(404)
})

test('removing a member removes their personal connections', async () => {
  const leaver = await addPerson(server.url, owner, person('Lea Leaver'), 'member')
  const created = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: leaver.cookie,
    body: { name: 'leaving', scope: 'user', auth: { type: 'bearer', token: 'tok_leaver_secret' } },
  })
  expect(created.status).toBe(201)
  expect(await sql(server.dataDir, 'select count(*) as n from connection where owner_id = ?', [leaver.userId])).toEqual([expect.objectContaining({ n: 1 })])
  const removed = await call(server.url, `/api/members/${leaver.userId}`, { cookie: owner.cookie, method: 'DELETE' })
  expect(removed.status).toBeLessThan(300)
  expect(await sql(server.dataDir, 'select count(*) as n from connection where owner_id = ?', [leaver.userId])).toEqual([expect.objectContaining({ n: 0 })])
})

test('local (stdio) MCP servers are refused, and kinds this build cannot import store nothing', async () => {
  const stdio = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'mcp', slug: 'local', command: 'npx some-mcp-server' } })
  expect(stdio.status).toBe(400)
  expect(String(stdio.body.message)).toContain('never starts local (stdio) MCP servers')
  expect((await call(server.url, '/api/integrations/local', { cookie: owner.cookie })).status).toBe(404)
})

test('detect says what a URL or a document is, and how sure', async () => {
  const openapi = await call(server.url, '/api/integrations/detect', { cookie: owner.cookie, body: { url: documentUrl } })
  expect(openapi.body).toMatchObject({ kind: 'openapi', confidence: 'certain' })
  const sdl = await call(server.url, '/api/integrations/detect', { cookie: owner.cookie, body: { document: 'type Query { hello: String }' } })
  expect(sdl.body).toMatchObject({ kind: 'graphql', confidence: 'certain' })
  const missing = await call(server.url, '/api/integrations/detect', { cookie: owner.cookie, body: { url: `${documentUrl.replace('/openapi.yaml', '')}/mcp` } })
  expect(missing.body).toMatchObject({ kind: 'mcp', confidence: 'likely' })
  const byMember = await call(server.url, '/api/integrations/detect', { cookie: member.cookie, body: { url: documentUrl } })
  expect(byMember.status).toBe(403)
})

test('a session listing tools again sees integrations added after it began', async () => {
  const mcp = await connectMcp(server.url, ownerKey)
  const describeExecute = async () => (await mcp.client.listTools()).tools.find((t) => t.name === 'execute')?.description ?? ''
  expect(await describeExecute()).toContain('- petstore:')
  expect(await describeExecute()).not.toContain('- later:')
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'later', document: petstoreYaml } })
  expect(added.body).toMatchObject({ status: 'ready' })
  expect(await describeExecute()).toContain('- later:')
  await mcp.close()
  await call(server.url, '/api/integrations/later', { cookie: owner.cookie, method: 'DELETE' })
})
