// Durable approvals on the Worker target under `wrangler dev` (local D1, dev auth: every request
// is the dev owner): a program over /mcp pauses on a write, wrangler is stopped and started again
// on the same state (a new isolate), and a decision then runs the program on by replay, from a
// new MCP session, with no call made twice. A blocked call and a denial run there too, and an
// approval asked by elicitation inside the session's Durable Object, accepted and declined, also by a
// session whose object was rebuilt from storage after a restart.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call } from '../harness/accounts'
import { connectMcp } from '../harness/mcp-client'
import { addPetstoreWithKey } from '../harness/petstore'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

const PETSTORE_KEY = 'pk_live_worker_approvals_0001'
const VARS = { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' }
let worker: WorkerServer
let petstore: PetstoreServer

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

beforeAll(async () => {
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  worker = await startWorker({ vars: VARS })
  await addPetstoreWithKey(worker.url, petstore.baseUrl, PETSTORE_KEY)
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
})

async function tool(name: string, args: Record<string, unknown>): Promise<Result> {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  try {
    return (await mcp.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result
  } finally {
    await mcp.close()
  }
}

const requests = () => petstore.seenCredentials.length

test('on the Worker, a paused write survives a wrangler restart; approving it runs the program on by replay, nothing twice', async () => {
  const seen = requests()
  const paused = await tool('execute', {
    code: `const before = await tools.petstore.pet.findPetsByStatus({ status: 'pending' })
      const drawn = Math.random()
      const added = await tools.petstore.pet.addPet({ body: { name: 'Edge', photoUrls: [], status: 'pending' } })
      return { drawn, before: before.data.length, added: added.data.name }`,
  })
  expect(paused.structuredContent, JSON.stringify(paused)).toMatchObject({ status: 'paused', approval: { tool: 'petstore.pet.addPet' } })
  const id = String(paused.structuredContent?.executionId)
  expect(requests()).toBe(seen + 1)

  // Wait for wrangler to have printed the request lines before stopping it, then start it again on the same state.
  await new Promise((resolve) => setTimeout(resolve, 200))
  await worker.stop()
  worker = await startWorker({ vars: VARS, persistDir: worker.persistDir, migrate: false })

  const read = await call(worker.url, `/api/executions/${id}`)
  expect(read.body).toMatchObject({ status: 'paused', pending: { path: 'petstore.pet.addPet' } })
  const waiting = tool('resume', { executionId: id, waitSeconds: 40 })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const decided = await call(worker.url, `/api/executions/${id}/decision`, { body: { approve: true } })
  expect(decided.status, JSON.stringify(decided.body)).toBe(200)
  expect(decided.body).toMatchObject({ status: 'completed', result: { before: 0, added: 'Edge' } })
  const finished = await waiting
  expect(finished.structuredContent).toMatchObject({ status: 'completed', result: decided.body.result })
  expect(requests()).toBe(seen + 2)
  const history = await call(worker.url, `/api/executions/${id}`)
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'petstore.pet.findPetsByStatus' }),
    expect.objectContaining({ path: 'petstore.pet.addPet', httpStatus: 200, approval: expect.objectContaining({ approved: true }) }),
  ])
})

test('on the Worker, a blocked call throws ToolBlocked and a denied one ToolDenied', async () => {
  const blocked = await call(worker.url, '/api/policies', { body: { pattern: '*.deletePet', action: 'block' } })
  expect(blocked.status, JSON.stringify(blocked.body)).toBe(201)
  const result = await tool('execute', {
    code: `try { await tools.petstore.pet.deletePet({ petId: 1 }) } catch (error) { return error.name + ': ' + error.message }`,
  })
  expect(String(result.structuredContent?.result)).toMatch(/^ToolBlocked: .*\*\.deletePet/)

  const paused = await tool('execute', { code: `try { await tools.petstore.pet.addPet({ body: { name: 'No', photoUrls: [] } }) } catch (error) { return error.name }` })
  const id = String(paused.structuredContent?.executionId)
  const denied = await call(worker.url, `/api/executions/${id}/decision`, { body: { approve: false } })
  expect(denied.body).toMatchObject({ status: 'completed', result: 'ToolDenied' })
})

test('on the Worker, a client that declared form elicitation is asked inside its session object: accept runs the write, decline is a denial', async () => {
  const questions: string[] = []
  const accepting = await connectMcp(worker.url, 'unused-with-dev-auth', {
    onElicit: async (request) => {
      questions.push(request.message)
      return { action: 'accept', content: { approve: true } }
    },
  })
  const seen = requests()
  try {
    const approved = (await accepting.client.callTool(
      { name: 'execute', arguments: { code: `return (await tools.petstore.pet.addPet({ body: { name: 'Asked', photoUrls: [] } })).data.name` } },
      undefined,
      { timeout: 60_000 },
    )) as Result
    expect(approved.structuredContent, JSON.stringify(approved)).toMatchObject({ status: 'completed', result: 'Asked' })
  } finally {
    await accepting.close()
  }
  expect(questions).toHaveLength(1)
  expect(questions[0]).toContain('tools.petstore.pet.addPet')
  expect(questions[0]).not.toContain(PETSTORE_KEY)
  expect(requests()).toBe(seen + 1)

  const declining = await connectMcp(worker.url, 'unused-with-dev-auth', { onElicit: async () => ({ action: 'decline' }) })
  try {
    const denied = (await declining.client.callTool(
      { name: 'execute', arguments: { code: `try { await tools.petstore.pet.addPet({ body: { name: 'Declined', photoUrls: [] } }) } catch (error) { return error.name }` } },
      undefined,
      { timeout: 60_000 },
    )) as Result
    expect(denied.structuredContent).toMatchObject({ status: 'completed', result: 'ToolDenied' })
  } finally {
    await declining.close()
  }
  expect(requests()).toBe(seen + 1)
})

test('on the Worker, a session that declared elicitation is still asked after a wrangler restart rebuilt its object from storage', async () => {
  const questions: string[] = []
  // One session throughout; its requests go to whichever `wrangler dev` is running now.
  const toCurrent = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input)
    return fetch(new URL(url.pathname + url.search, worker.url), init)
  }
  const session = await connectMcp(worker.url, 'unused-with-dev-auth', {
    fetch: toCurrent as typeof fetch,
    onElicit: async (request) => {
      questions.push(request.message)
      return { action: 'accept', content: { approve: true } }
    },
  })
  try {
    const warm = (await session.client.callTool({ name: 'execute', arguments: { code: 'return 1' } })) as Result
    expect(warm.structuredContent).toMatchObject({ status: 'completed', result: 1 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await worker.stop()
    worker = await startWorker({ vars: VARS, persistDir: worker.persistDir, migrate: false })

    const seen = requests()
    const approved = (await session.client.callTool(
      { name: 'execute', arguments: { code: `return (await tools.petstore.pet.addPet({ body: { name: 'Reborn', photoUrls: [] } })).data.name` } },
      undefined,
      { timeout: 60_000 },
    )) as Result
    expect(approved.structuredContent, JSON.stringify(approved)).toMatchObject({ status: 'completed', result: 'Reborn' })
    expect(questions).toHaveLength(1)
    expect(questions[0]).toContain('tools.petstore.pet.addPet')
    expect(requests()).toBe(seen + 1)
  } finally {
    await session.close()
  }
})
