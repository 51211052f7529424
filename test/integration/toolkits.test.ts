// Toolkits against the built container with the real Petstore fixture: the toolkit API (admins
// write, members read, audited), scoping at /mcp/<toolkit> (search, describe and calls, from the
// MCP tools and from inside programs), direct mode with the SDK client (list, call, a blocked
// call, an approval pause and resume), the direct-mode size cap, and changes reaching open sessions.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { addPerson, call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { addPetstoreWithKey } from '../harness/petstore'
import { stopAll } from '../harness/process'

const PETSTORE_KEY = 'pk_live_toolkits_key_0001'

let server: BunServer
let owner: Session
let member: Session
let memberKey: string
let petstore: PetstoreServer

type ToolResult = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean; _meta?: Record<string, unknown> }

beforeAll(async () => {
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Ada Owner'))
  member = await addPerson(server.url, owner, person('Max Member'), 'member')
  memberKey = await createApiKey(server.url, member)
  await addPetstoreWithKey(server.url, petstore.baseUrl, PETSTORE_KEY, { cookie: owner.cookie })
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
})

const requests = () => petstore.seenCredentials.length
const text = (result: ToolResult) => result.content.map((c) => c.text ?? '').join('\n')

async function addToolkit(body: Record<string, unknown>) {
  const added = await call(server.url, '/api/toolkits', { cookie: owner.cookie, body })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  return added.body as { id: string; slug: string }
}

test('admins manage toolkits, members read them, bad input is a clear error, and every change is audited', async () => {
  const refused = await call(server.url, '/api/toolkits', { cookie: member.cookie, body: { slug: 'nope', name: 'Nope', patterns: ['petstore.*'] } })
  expect(refused.status).toBe(403)
  const bad = await call(server.url, '/api/toolkits', { cookie: owner.cookie, body: { slug: 'Bad Slug', name: 'x', patterns: ['petstore.**'] } })
  expect(bad.status).toBe(400)
  expect(bad.body).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) })
  expect(JSON.stringify(bad.body)).toContain('lowercase letters')
  expect(JSON.stringify(bad.body)).toContain('single *')

  const made = await addToolkit({ slug: 'scratch', name: 'Scratch', patterns: ['petstore.pet.*', '', 'petstore.pet.*'] })
  const read = await call(server.url, `/api/toolkits/${made.id}`, { cookie: member.cookie })
  expect(read.body).toMatchObject({ slug: 'scratch', name: 'Scratch', patterns: ['petstore.pet.*'], mode: 'code' })
  const taken = await call(server.url, '/api/toolkits', { cookie: owner.cookie, body: { slug: 'scratch', name: 'Again', patterns: ['x'] } })
  expect(taken.status).toBe(409)
  const changed = await call(server.url, `/api/toolkits/${made.id}`, { cookie: owner.cookie, method: 'PATCH', body: { mode: 'direct', patterns: ['petstore.store.*'] } })
  expect(changed.body).toMatchObject({ mode: 'direct', patterns: ['petstore.store.*'] })
  const memberPatch = await call(server.url, `/api/toolkits/${made.id}`, { cookie: member.cookie, method: 'PATCH', body: { name: 'Mine' } })
  expect(memberPatch.status).toBe(403)
  const preview = await call(server.url, '/api/toolkits/preview', { cookie: member.cookie, body: { patterns: ['petstore.store.*', 'executor.echo'] } })
  expect(preview.body).toEqual({ count: 5, paths: ['petstore.store.deleteOrder', 'petstore.store.getInventory', 'petstore.store.getOrderById', 'petstore.store.placeOrder', 'executor.echo'] })
  expect((await call(server.url, `/api/toolkits/${made.id}`, { cookie: owner.cookie, method: 'DELETE' })).status).toBe(204)
  expect((await call(server.url, `/api/toolkits/${made.id}`, { cookie: member.cookie })).status).toBe(404)
  const listed = await call(server.url, '/api/toolkits', { cookie: member.cookie })
  expect(listed.body.toolkits).toEqual([])

  const audit = await call(server.url, '/api/audit?limit=10', { cookie: owner.cookie })
  const actions = (audit.body.entries as Array<{ action: string; target: { label: string } }>).filter((e) => e.action.startsWith('toolkit.'))
  expect(actions.map((e) => [e.action, e.target.label])).toEqual([
    ['toolkit.removed', 'scratch'],
    ['toolkit.changed', 'scratch'],
    ['toolkit.added', 'scratch'],
  ])
})

test('a tool outside the toolkit is not reachable from it: not by search, describe, or call, from the MCP tools or inside a program', async () => {
  await addToolkit({ slug: 'pet-reader', name: 'Pet reader', patterns: ['petstore.pet.find*', 'petstore.pet.getPetById'] })
  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/pet-reader' })
  try {
    const { tools } = await mcp.client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(['describe', 'execute', 'resume', 'search'])
    const execute = tools.find((t) => t.name === 'execute')
    expect(execute?.description).toContain('- petstore: ')
    expect(execute?.description).toContain('(3 tools)')

    const searched = (await mcp.client.callTool({ name: 'search', arguments: { query: 'pet order inventory', limit: 50 } })) as ToolResult
    const found = (searched.structuredContent?.tools as Array<{ path: string }>).map((t) => t.path).sort()
    expect(found).toEqual(['petstore.pet.findPetsByStatus', 'petstore.pet.findPetsByTags', 'petstore.pet.getPetById'])

    const inside = (await mcp.client.callTool({ name: 'describe', arguments: { path: 'petstore.pet.getPetById' } })) as ToolResult
    expect(inside.isError).toBeFalsy()
    const outside = (await mcp.client.callTool({ name: 'describe', arguments: { path: 'petstore.store.getInventory' } })) as ToolResult
    expect(outside.isError).toBe(true)

    const seen = requests()
    const run = (await mcp.client.callTool({
      name: 'execute',
      arguments: {
        code: `
          const searched = await tools.executor.search({ query: 'inventory order', limit: 50 })
          const described = await tools.executor.describe({ path: 'petstore.store.getInventory' }).then(() => 'described', (e) => e.message)
          const called = await tools.petstore.store.getInventory().then(() => 'called', (e) => [e.name, e.message])
          const full = await tools.petstore.org.main.store.getInventory().then(() => 'called', (e) => e.name)
          const found = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
          return { searched: searched.map((t) => t.path), described, called, full, found: Array.isArray(found.data) }`,
      },
    })) as ToolResult
    expect(run.structuredContent?.status, JSON.stringify(run)).toBe('completed')
    const result = run.structuredContent?.result as Record<string, unknown>
    expect((result.searched as string[]).every((path) => path.startsWith('petstore.pet.'))).toBe(true)
    expect(result.described).toContain('No tool at')
    expect(result.called).toEqual(['ToolBlocked', expect.stringContaining('not in the toolkit "pet-reader"')])
    expect(result.full).toBe('ToolBlocked')
    expect(result.found).toBe(true)
    // Only the in-toolkit read reached the API.
    expect(requests()).toBe(seen + 1)
  } finally {
    await mcp.close()
  }
  // The whole catalog is still at /mcp.
  const plain = await connectMcp(server.url, memberKey)
  try {
    const described = (await plain.client.callTool({ name: 'describe', arguments: { path: 'petstore.store.getInventory' } })) as ToolResult
    expect(described.isError).toBeFalsy()
  } finally {
    await plain.close()
  }
})

test('an unknown toolkit answers 404 like the rest of /mcp, and a session stays at the URL it was opened at', async () => {
  const response = await fetch(`${server.url}/mcp/no-such-kit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${memberKey}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  })
  expect(response.status).toBe(404)
  expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001, message: expect.stringContaining('No toolkit "no-such-kit"') } })

  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/pet-reader' })
  try {
    const moved = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${memberKey}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': mcp.transport.sessionId ?? '' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    })
    expect(moved.status).toBe(404)
  } finally {
    await mcp.close()
  }
})

test('an admin change to the patterns applies to an open session from its next request', async () => {
  const kit = await addToolkit({ slug: 'changing', name: 'Changing', patterns: ['petstore.pet.getPetById'] })
  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/changing' })
  try {
    const search = async () =>
      (((await mcp.client.callTool({ name: 'search', arguments: { query: 'inventory', limit: 50 } })) as ToolResult).structuredContent?.tools as Array<{ path: string }>).map((t) => t.path)
    expect(await search()).not.toContain('petstore.store.getInventory')
    await call(server.url, `/api/toolkits/${kit.id}`, { cookie: owner.cookie, method: 'PATCH', body: { patterns: ['petstore.store.*'] } })
    expect(await search()).toContain('petstore.store.getInventory')
  } finally {
    await mcp.close()
  }
})

test('a program paused in a toolkit goes on, after the approval, inside the same toolkit', async () => {
  await addToolkit({ slug: 'pet-writer', name: 'Pet writer', patterns: ['petstore.pet.addPet'] })
  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/pet-writer' })
  try {
    const seen = requests()
    const paused = (await mcp.client.callTool({
      name: 'execute',
      arguments: {
        code: `
          const added = await tools.petstore.pet.addPet({ body: { name: 'Scoped Sam', photoUrls: [] } })
          const after = await tools.petstore.store.getInventory().then(() => 'called', (e) => e.name)
          return { added: added.data.name, after }`,
      },
    })) as ToolResult
    expect(paused.structuredContent?.status, JSON.stringify(paused)).toBe('paused')
    const executionId = String(paused.structuredContent?.executionId)
    const decided = await call(server.url, `/api/executions/${executionId}/decision`, { cookie: owner.cookie, body: { approve: true } })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)
    const resumed = (await mcp.client.callTool({ name: 'resume', arguments: { executionId, waitSeconds: 20 } }, undefined, { timeout: 60_000 })) as ToolResult
    expect(resumed.structuredContent?.result, JSON.stringify(resumed)).toEqual({ added: 'Scoped Sam', after: 'ToolBlocked' })
    expect(requests()).toBe(seen + 1)
  } finally {
    await mcp.close()
  }
})

test('direct mode: each tool is an MCP tool; calls go through policies, approvals and history like a program', async () => {
  await addToolkit({ slug: 'pets-direct', name: 'Pets, direct', patterns: ['petstore.pet.*', 'executor.echo'], mode: 'direct' })
  const added = await call(server.url, '/api/policies', { cookie: owner.cookie, body: { pattern: 'petstore.*.deletePet', action: 'block', note: 'never delete pets' } })
  expect(added.status).toBe(201)
  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/pets-direct' })
  try {
    const { tools } = await mcp.client.listTools()
    const names = tools.map((t) => t.name).sort()
    expect(names).toContain('petstore-pet-findPetsByStatus')
    expect(names).toContain('executor-echo')
    expect(names).toContain('resume')
    expect(names.some((n) => n.startsWith('petstore-store-'))).toBe(false)
    expect(names).not.toContain('execute')
    const find = tools.find((t) => t.name === 'petstore-pet-findPetsByStatus')
    expect(find?.inputSchema).toMatchObject({ type: 'object', properties: { status: expect.any(Object) } })
    expect(find?.annotations).toMatchObject({ readOnlyHint: true })

    const seen = requests()
    const found = (await mcp.client.callTool({ name: 'petstore-pet-findPetsByStatus', arguments: { status: 'available' } })) as ToolResult
    expect(found.isError, JSON.stringify(found)).toBeFalsy()
    expect(text(found)).toContain('"data"')
    expect(requests()).toBe(seen + 1)
    const history = await call(server.url, `/api/executions/${String(found._meta?.executionId)}`, { cookie: member.cookie })
    expect(history.body).toMatchObject({ source: 'mcp', status: 'completed', toolCalls: [expect.objectContaining({ path: 'petstore.pet.findPetsByStatus', ok: true })] })

    const blocked = (await mcp.client.callTool({ name: 'petstore-pet-deletePet', arguments: { petId: 1 } })) as ToolResult
    expect(blocked.isError).toBe(true)
    expect(text(blocked)).toContain('ToolBlocked')
    expect(text(blocked)).toContain('"petstore.*.deletePet" blocks it')
    expect(requests()).toBe(seen + 1)

    // A write needs approval by default: the call pauses, a person approves, resume gives the result.
    const paused = (await mcp.client.callTool({ name: 'petstore-pet-addPet', arguments: { body: { name: 'Direct Dot', photoUrls: [] } } })) as ToolResult
    expect(text(paused)).toContain('needs a person\'s approval')
    const executionId = String(paused._meta?.executionId)
    expect(paused._meta?.status).toBe('paused')
    expect(requests()).toBe(seen + 1)
    const decided = await call(server.url, `/api/executions/${executionId}/decision`, { cookie: owner.cookie, body: { approve: true } })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)
    const resumed = (await mcp.client.callTool({ name: 'resume', arguments: { executionId, waitSeconds: 20 } }, undefined, { timeout: 60_000 })) as ToolResult
    expect(resumed.structuredContent, JSON.stringify(resumed)).toMatchObject({ status: 'completed', result: { data: { name: 'Direct Dot' } } })
    expect(requests()).toBe(seen + 2)

    const unknown = await mcp.client.callTool({ name: 'petstore-store-getInventory', arguments: {} }).then(
      () => 'answered',
      (error: Error) => error.message,
    )
    expect(unknown).toContain('No tool petstore-store-getInventory in the toolkit "pets-direct"')
  } finally {
    await mcp.close()
  }
})

test('direct mode refuses a toolkit over 200 tools with a clear message', async () => {
  const paths = Object.fromEntries(
    Array.from({ length: 205 }, (_, i) => [`/things/${i}`, { get: { operationId: `getThing${i}`, responses: { '200': { description: 'ok' } } } }]),
  )
  const document = JSON.stringify({ openapi: '3.0.0', info: { title: 'Big', version: '1' }, paths })
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'big', document, baseUrl: petstore.baseUrl } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  // An API without security schemes gets its `org.main` connection (no credential) on import.
  await addToolkit({ slug: 'big-direct', name: 'Big', patterns: ['big.*'], mode: 'direct' })
  const mcp = await connectMcp(server.url, memberKey, { path: '/mcp/big-direct' })
  try {
    const listed = await mcp.client.listTools().then(() => 'listed', (error: Error) => error.message)
    expect(listed).toContain('holds 205 tools you can call; direct mode lists at most 200')
  } finally {
    await mcp.close()
  }
})
