// Toolkits on the Worker target under `wrangler dev` (local D1, dev auth: every request is the dev
// owner): a code-mode toolkit keeps search, describe and calls inside it, and a direct-mode
// toolkit lists the Petstore tools as MCP tools and makes a call through the same path as a program.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call } from '../harness/accounts'
import { connectMcp } from '../harness/mcp-client'
import { addPetstoreWithKey } from '../harness/petstore'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

const PETSTORE_KEY = 'pk_live_worker_toolkits_0001'
let worker: WorkerServer
let petstore: PetstoreServer

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean; _meta?: Record<string, unknown> }

beforeAll(async () => {
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } })
  await addPetstoreWithKey(worker.url, petstore.baseUrl, PETSTORE_KEY)
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
})

const requests = () => petstore.seenCredentials.length

test('on the Worker, a code-mode toolkit keeps search, describe and calls inside it', async () => {
  const made = await call(worker.url, '/api/toolkits', { body: { slug: 'pet-reader', name: 'Pet reader', patterns: ['petstore.pet.find*'] } })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth', { path: '/mcp/pet-reader' })
  try {
    const searched = (await mcp.client.callTool({ name: 'search', arguments: { query: 'pet order inventory', limit: 50 } })) as Result
    expect((searched.structuredContent?.tools as Array<{ path: string }>).map((t) => t.path).sort()).toEqual(['petstore.pet.findPetsByStatus', 'petstore.pet.findPetsByTags'])
    const seen = requests()
    const run = (await mcp.client.callTool(
      {
        name: 'execute',
        arguments: {
          code: `const outside = await tools.petstore.store.getInventory().then(() => 'called', (e) => e.message)
            const found = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
            const described = await tools.executor.describe({ path: 'petstore.store.getInventory' }).then(() => 'described', (e) => 'hidden')
            return { outside, found: Array.isArray(found.data), described }`,
        },
      },
      undefined,
      { timeout: 120_000 },
    )) as Result
    expect(run.structuredContent?.result, JSON.stringify(run)).toEqual({
      outside: expect.stringContaining('not in the toolkit "pet-reader"'),
      found: true,
      described: 'hidden',
    })
    expect(requests()).toBe(seen + 1)
  } finally {
    await mcp.close()
  }
})

test('on the Worker, a direct-mode toolkit lists its tools and a call runs as a one-call execution', async () => {
  const made = await call(worker.url, '/api/toolkits', { body: { slug: 'pets-direct', name: 'Pets', patterns: ['petstore.pet.*'], mode: 'direct' } })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth', { path: '/mcp/pets-direct' })
  try {
    const names = (await mcp.client.listTools()).tools.map((t) => t.name)
    expect(names).toContain('petstore-pet-getPetById')
    expect(names).toContain('resume')
    expect(names.some((n) => n.startsWith('petstore-store-'))).toBe(false)
    const seen = requests()
    const found = (await mcp.client.callTool({ name: 'petstore-pet-findPetsByStatus', arguments: { status: 'available' } }, undefined, { timeout: 120_000 })) as Result
    expect(found.isError, JSON.stringify(found)).toBeFalsy()
    expect(requests()).toBe(seen + 1)
    const history = await call(worker.url, `/api/executions/${String(found._meta?.executionId)}`)
    expect(history.body).toMatchObject({ source: 'mcp', status: 'completed', toolCalls: [expect.objectContaining({ path: 'petstore.pet.findPetsByStatus' })] })
  } finally {
    await mcp.close()
  }
})
