// Credentials never leave the host: a hostile upstream echoes the credential in a response
// header, the JSON body (as a value and as a key) and an error message, and the canary must
// appear in nothing an agent, the console or the logs can see, nor in plaintext in the database
// file. And every call goes through the network guard: without EXECUTOR_ALLOW_LOCAL_NETWORK a
// loopback base URL is refused with a clear tool error.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

const CANARY = 'canary-7f3a9c1e5b2d4f60a8e1'
const PASSWORD_CANARY = 'pw-canary-0c4b8e2f9a17'
let canary: PetstoreServer
let petstoreYaml: string

beforeAll(async () => {
  petstoreYaml = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  canary = await startPetstoreServer({ key: 'unused', canary: true })
})
afterAll(async () => {
  await stopAll()
  await canary?.close()
})

async function setUp(env: Record<string, string>) {
  const server = await startBunServer({ env })
  const owner = await claimOwner(server.url, person('Cara Owner'))
  const apiKey = await createApiKey(server.url, owner)
  return { server, owner, apiKey }
}

async function addCanaryIntegration(server: BunServer, owner: Session, auth: Record<string, unknown>, slug = 'canary') {
  const added = await call(server.url, '/api/integrations', {
    cookie: owner.cookie,
    body: { kind: 'openapi', slug, document: petstoreYaml, baseUrl: canary.baseUrl },
  })
  expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready' })
  const connection = await call(server.url, `/api/integrations/${String(added.body.id)}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth },
  })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
  return String(added.body.id)
}

test('the canary reaches the upstream but nothing an agent, the console or the logs can see', async () => {
  const { server, owner, apiKey } = await setUp({ EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' })
  const integrationId = await addCanaryIntegration(server, owner, { type: 'bearer', token: CANARY })
  await addCanaryIntegration(server, owner, { type: 'basic', username: 'svc', password: PASSWORD_CANARY }, 'canary_basic')

  const code = `
    const echoed = await tools.canary.pet.getPetById({ petId: 1 })
    console.log('echoed', JSON.stringify(echoed))
    let failure
    try { await tools.canary.pet.findPetsByStatus({ status: 'available' }) } catch (e) { failure = e.message; console.error(e.message) }
    const basic = await tools.canary_basic.pet.getPetById({ petId: 2 })
    console.log(JSON.stringify(basic))
    try { await tools.canary_basic.store.getInventory() } catch (e) { console.warn(e.message) }
    return { echoed, failure, basic }`
  const mcp = await connectMcp(server.url, apiKey)
  const result = await mcp.client.callTool({ name: 'execute', arguments: { code } })
  await mcp.close()
  const seen = JSON.stringify(result)
  // The calls reached the upstream with the real credential…
  expect(canary.seenCredentials).toContain(CANARY)
  expect(seen).toContain('[redacted]')
  // …and the 401 names the connection so the operator knows what to fix.
  expect(seen).toMatch(/credential.*rejected|rejected.*credential/i)
  expect(seen).toContain('main')
  expect(seen).not.toContain(CANARY)
  expect(seen).not.toContain(PASSWORD_CANARY)

  const structured = (result as { structuredContent?: { executionId?: string } }).structuredContent
  const history = await call(server.url, `/api/executions/${String(structured?.executionId)}`, { cookie: owner.cookie })
  expect(history.status).toBe(200)
  const list = await call(server.url, '/api/executions', { cookie: owner.cookie })
  const connections = await call(server.url, `/api/integrations/${integrationId}/connections`, { cookie: owner.cookie })
  for (const visible of [JSON.stringify(history.body), JSON.stringify(list.body), JSON.stringify(connections.body), server.logs()]) {
    expect(visible).not.toContain(CANARY)
    expect(visible).not.toContain(PASSWORD_CANARY)
  }

  // At rest: the database file and its WAL hold only sealed values.
  await server.stop()
  for (const name of await readdir(server.dataDir)) {
    if (!name.startsWith('data.db')) continue
    const bytes = await readFile(join(server.dataDir, name))
    expect(bytes.includes(Buffer.from(CANARY)), `${name} holds the canary`).toBe(false)
    expect(bytes.includes(Buffer.from(PASSWORD_CANARY)), `${name} holds the password`).toBe(false)
  }
})

test('without EXECUTOR_ALLOW_LOCAL_NETWORK the guard refuses a loopback base URL with a clear tool error', async () => {
  const { server, owner, apiKey } = await setUp({})
  await addCanaryIntegration(server, owner, { type: 'none' }, 'local')
  const mcp = await connectMcp(server.url, apiKey)
  const result = await mcp.client.callTool({
    name: 'execute',
    arguments: { code: 'try { await tools.local.pet.getPetById({ petId: 1 }) } catch (e) { return e.message }' },
  })
  await mcp.close()
  const message = String((result as { structuredContent?: { result?: unknown } }).structuredContent?.result)
  expect(message).toMatch(/network guard refused 127\.0\.0\.1/i)
  expect(message).toContain('EXECUTOR_ALLOW_LOCAL_NETWORK')
  // The description URL goes through the same guard.
  const byUrl = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'fetched', url: `${canary.baseUrl}/openapi.yaml` } })
  expect(byUrl.body).toMatchObject({ status: 'failed', statusMessage: expect.stringMatching(/network guard refused/i) })
})
