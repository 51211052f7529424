// Policies and approvals against the built container: blocked calls, pauses that survive a
// restart and a new MCP session, decisions over HTTP and by elicitation, replay divergence,
// expiry, autoApprove and the different-approver setting. The Petstore fixture counts every
// request it gets, so "no call made twice" is checked where the calls land.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { addPerson, call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp, type McpClientOptions } from '../harness/mcp-client'
import { addPetstoreWithKey } from '../harness/petstore'
import { stopAll } from '../harness/process'

const PETSTORE_KEY = 'pk_live_approvals_key_0001'

let server: BunServer
let owner: Session
let member: Session
let memberKey: string
let petstore: PetstoreServer

type ToolResult = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

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

async function execute(code: string, options: McpClientOptions = {}, apiKey = memberKey): Promise<ToolResult> {
  const mcp = await connectMcp(server.url, apiKey, options)
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code } })) as ToolResult
  } finally {
    await mcp.close()
  }
}

async function resume(executionId: string, waitSeconds: number): Promise<ToolResult> {
  const mcp = await connectMcp(server.url, memberKey)
  try {
    return (await mcp.client.callTool({ name: 'resume', arguments: { executionId, waitSeconds } }, undefined, { timeout: 120_000 })) as ToolResult
  } finally {
    await mcp.close()
  }
}

const requests = () => petstore.seenCredentials.length
const idOf = (result: ToolResult) => String(result.structuredContent?.executionId)

async function setApprovalSettings(patch: Record<string, unknown>) {
  const saved = await call(server.url, '/api/policies/settings', { cookie: owner.cookie, method: 'PUT', body: patch })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
}

// A write between two reads: the first read and the Math.random draw happen before the pause,
// and must be the same after the replay.
const WRITE_BETWEEN_READS = `
  const before = await tools.petstore.pet.findPetsByStatus({ status: 'pending' })
  const drawn = Math.random()
  const added = await tools.petstore.pet.addPet({ body: { name: NAME, photoUrls: [], status: 'pending' } })
  const after = await tools.petstore.pet.findPetsByStatus({ status: 'pending' })
  console.log('drew', drawn)
  return { drawn, before: before.data.length, added: added.data.name, names: after.data.map((p) => p.name) }`

const writeBetweenReads = (name: string) => `const NAME = ${JSON.stringify(name)}\n${WRITE_BETWEEN_READS}`

test('a blocked call fails inside the program with a catchable ToolBlocked naming the rule, built-ins included', async () => {
  for (const body of [
    { pattern: 'petstore.*.deletePet', action: 'block', note: 'never delete pets' },
    { pattern: 'executor.echo', action: 'block' },
  ]) {
    const added = await call(server.url, '/api/policies', { cookie: owner.cookie, body })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
  }
  const seen = requests()
  const result = await execute(`
    const caught = []
    for (const attempt of [() => tools.petstore.pet.deletePet({ petId: 1 }), () => tools.executor.echo({ hi: 1 })]) {
      try { await attempt() } catch (error) { caught.push([error.name, error.message]) }
    }
    return caught`)
  expect(result.structuredContent?.status, JSON.stringify(result)).toBe('completed')
  const caught = result.structuredContent?.result as [string, string][]
  expect(caught[0]?.[0]).toBe('ToolBlocked')
  expect(caught[0]?.[1]).toContain('petstore.*.deletePet')
  expect(caught[1]?.[0]).toBe('ToolBlocked')
  expect(caught[1]?.[1]).toContain('executor.echo')
  expect(requests()).toBe(seen)
  const history = await call(server.url, `/api/executions/${idOf(result)}`, { cookie: member.cookie })
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'petstore.pet.deletePet', ok: false, errorName: 'ToolBlocked', policy: expect.objectContaining({ action: 'block', source: 'rule' }) }),
    expect.objectContaining({ path: 'executor.echo', ok: false, errorName: 'ToolBlocked' }),
  ])
  // Leave only the delete rule: echo is used below.
  const listed = await call(server.url, '/api/policies', { cookie: owner.cookie })
  const echoRule = (listed.body.policies as Array<{ id: string; pattern: string }>).find((p) => p.pattern === 'executor.echo')
  expect((await call(server.url, `/api/policies/${echoRule?.id}`, { cookie: owner.cookie, method: 'DELETE' })).status).toBe(204)
})

test('a write pauses; after a restart, a new MCP session waits with resume and gets the result once a person approves, with no call made twice', async () => {
  const seen = requests()
  const paused = await execute(writeBetweenReads('Paws'))
  expect(paused.isError, JSON.stringify(paused)).toBeFalsy()
  expect(paused.structuredContent).toMatchObject({
    status: 'paused',
    approval: { url: `${server.url}/resume/${idOf(paused)}`, tool: 'petstore.pet.addPet', reason: expect.stringContaining('POST'), arguments: { body: { name: 'Paws' } } },
  })
  expect(paused.content[0]?.text).toContain('call the resume tool')
  expect(requests()).toBe(seen + 1)
  const id = idOf(paused)

  const stored = await call(server.url, `/api/executions/${id}`, { cookie: member.cookie })
  expect(stored.body).toMatchObject({ status: 'paused', pending: { path: 'petstore.pet.addPet', policy: { action: 'require_approval', source: 'default' } } })
  expect(stored.body.toolCalls).toHaveLength(1)
  const pendingList = await call(server.url, '/api/approvals', { cookie: member.cookie })
  expect(pendingList.body.approvals).toEqual(expect.arrayContaining([expect.objectContaining({ id, path: 'petstore.pet.addPet' })]))

  // Nothing of the program is in memory: a restart loses nothing.
  await server.stop()
  server = await startBunServer({ dataDir: server.dataDir, env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })

  const stillPaused = await resume(id, 0)
  expect(stillPaused.structuredContent).toMatchObject({ status: 'paused', approval: { tool: 'petstore.pet.addPet' } })

  const waiting = resume(id, 40)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const decided = await call(server.url, `/api/executions/${id}/decision`, { cookie: owner.cookie, body: { approve: true } })
  expect(decided.status, JSON.stringify(decided.body)).toBe(200)
  expect(decided.body).toMatchObject({ status: 'completed' })
  const finished = await waiting
  expect(finished.structuredContent).toMatchObject({ status: 'completed', result: { before: 0, added: 'Paws', names: ['Paws'] } })
  expect(finished.structuredContent?.result).toEqual(decided.body.result)
  // The first read ran once (before the pause), then the write and the last read: three requests.
  expect(requests()).toBe(seen + 3)

  const history = await call(server.url, `/api/executions/${id}`, { cookie: member.cookie })
  expect(history.body.status).toBe('completed')
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'petstore.pet.findPetsByStatus', policy: expect.objectContaining({ action: 'allow', source: 'default' }) }),
    expect.objectContaining({
      path: 'petstore.pet.addPet',
      ok: true,
      httpStatus: 200,
      policy: expect.objectContaining({ action: 'require_approval', source: 'default' }),
      approval: expect.objectContaining({ approved: true, via: 'console', by: expect.objectContaining({ name: 'Ada Owner' }) }),
    }),
    expect.objectContaining({ path: 'petstore.pet.findPetsByStatus' }),
  ])
  const audit = await call(server.url, '/api/audit?action=approval.decided', { cookie: owner.cookie })
  expect(audit.body.entries).toEqual([expect.objectContaining({ target: expect.objectContaining({ id }), details: expect.objectContaining({ approved: true }) })])
  expect((await sql(server.dataDir, 'select count(*) as n from tool_result where execution_id = ?', [id]))[0]?.n).toBe(0)
  // Decided once: a second decision is refused.
  const again = await call(server.url, `/api/executions/${id}/decision`, { cookie: owner.cookie, body: { approve: false } })
  expect(again.status).toBe(409)
})

test('over HTTP: a paused run answers 202 paused; denying makes the call throw ToolDenied, which the program can catch', async () => {
  const seen = requests()
  const started = await call(server.url, '/api/executions', {
    headers: { authorization: `Bearer ${memberKey}` },
    body: { code: `try { await tools.petstore.pet.addPet({ body: { name: 'Nope', photoUrls: [] } }) } catch (error) { return [error.name, error.message] }` },
  })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  expect(started.body).toMatchObject({ status: 'paused', pending: { path: 'petstore.pet.addPet' } })
  const otherMember = await addPerson(server.url, owner, person('Nia Nosy'), 'member')
  const nosy = await call(server.url, `/api/executions/${started.body.id}/decision`, { cookie: otherMember.cookie, body: { approve: true } })
  expect(nosy.status).toBe(404)
  const bad = await call(server.url, `/api/executions/${started.body.id}/decision`, { cookie: member.cookie, body: { approve: 'yes' } })
  expect(bad.status).toBe(400)
  const denied = await call(server.url, `/api/executions/${started.body.id}/decision`, { cookie: member.cookie, body: { approve: false } })
  expect(denied.status, JSON.stringify(denied.body)).toBe(200)
  expect(denied.body.status).toBe('completed')
  const [name, message] = denied.body.result as [string, string]
  expect(name).toBe('ToolDenied')
  expect(message).toContain('Max Member denied the call to tools.petstore.pet.addPet')
  expect(denied.body.toolCalls).toEqual([expect.objectContaining({ errorName: 'ToolDenied', approval: expect.objectContaining({ approved: false, via: 'console' }) })])
  expect(requests()).toBe(seen)
})

test('a replay that makes a different call than the record ends as replay_diverged, and the pending call is never made', async () => {
  const seen = requests()
  const paused = await execute(writeBetweenReads('Diverged'))
  const id = idOf(paused)
  expect(paused.structuredContent?.status).toBe('paused')
  // As if the program had asked for something else the first time: its record no longer matches.
  await sql(server.dataDir, "update tool_call set args_hash = 'not-the-same' where execution_id = ? and seq = 0", [id])
  const decided = await call(server.url, `/api/executions/${id}/decision`, { cookie: member.cookie, body: { approve: true } })
  expect(decided.body).toMatchObject({ status: 'replay_diverged', error: { kind: 'replay_diverged', message: expect.stringContaining('call #1') } })
  expect(requests()).toBe(seen + 1)
  const resumed = await resume(id, 0)
  expect(resumed.structuredContent).toMatchObject({ status: 'failed', error: { kind: 'replay_diverged' } })
})

test('an approval nobody decides in time ends the run as expired', async () => {
  const paused = await execute(writeBetweenReads('Late'))
  const id = idOf(paused)
  await sql(server.dataDir, 'update execution set expires_at = ? where id = ?', [Date.now() - 1_000, id])
  const read = await call(server.url, `/api/executions/${id}`, { cookie: member.cookie })
  expect(read.body).toMatchObject({ status: 'expired', error: { kind: 'expired' }, pending: null })
  const late = await call(server.url, `/api/executions/${id}/decision`, { cookie: member.cookie, body: { approve: true } })
  expect(late.status).toBe(409)
  expect(late.body.message).toContain('expired')
  const resumed = await resume(id, 0)
  expect(resumed.structuredContent).toMatchObject({ status: 'failed', error: { kind: 'expired' } })
  const filtered = await call(server.url, '/api/executions?status=expired', { cookie: member.cookie })
  expect((filtered.body.executions as Array<{ id: string }>).map((e) => e.id)).toContain(id)
})

test('a client that declared form elicitation is asked inline: approve goes on, deny throws ToolDenied, no answer falls back to a pause', async () => {
  const questions: string[] = []
  const approved = await execute(writeBetweenReads('Inline'), {
    onElicit: async (request) => {
      questions.push(request.message)
      return { action: 'accept', content: { approve: true } }
    },
  })
  expect(approved.structuredContent, JSON.stringify(approved)).toMatchObject({ status: 'completed', result: { added: 'Inline' } })
  expect(questions).toHaveLength(1)
  expect(questions[0]).toContain('tools.petstore.pet.addPet')
  expect(questions[0]).toContain('"name":"Inline"')
  expect(questions[0]).not.toContain(PETSTORE_KEY)
  const history = await call(server.url, `/api/executions/${idOf(approved)}`, { cookie: member.cookie })
  expect((history.body.toolCalls as unknown[])[1]).toMatchObject({ approval: { approved: true, via: 'elicitation' } })

  const seen = requests()
  const denied = await execute(`try { await tools.petstore.pet.addPet({ body: { name: 'No', photoUrls: [] } }) } catch (error) { return error.name }`, {
    onElicit: async () => ({ action: 'decline' }),
  })
  expect(denied.structuredContent).toMatchObject({ status: 'completed', result: 'ToolDenied' })
  expect(requests()).toBe(seen)

  await setApprovalSettings({ inlineWaitSeconds: 1 })
  const unanswered = await execute(writeBetweenReads('Quiet'), { onElicit: () => new Promise(() => {}) })
  expect(unanswered.structuredContent).toMatchObject({ status: 'paused', approval: { tool: 'petstore.pet.addPet' } })
  await setApprovalSettings({ inlineWaitSeconds: 60 })
  const cancelled = await call(server.url, `/api/executions/${idOf(unanswered)}/cancel`, { cookie: member.cookie, method: 'POST' })
  expect(cancelled.body).toMatchObject({ status: 'cancelled' })
})

test('autoApprove is for owners and admins only, and it is recorded', async () => {
  const code = `return (await tools.petstore.pet.addPet({ body: { name: 'Auto', photoUrls: [] } })).data.name`
  const refused = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${memberKey}` }, body: { code, autoApprove: true } })
  expect(refused.status).toBe(403)
  const ownerKey = await createApiKey(server.url, owner)
  const ran = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${ownerKey}` }, body: { code, autoApprove: true } })
  expect(ran.status, JSON.stringify(ran.body)).toBe(201)
  expect(ran.body).toMatchObject({ status: 'completed', result: 'Auto', autoApprove: true })
  expect((ran.body.toolCalls as unknown[])[0]).toMatchObject({ approval: { approved: true, via: 'auto_approve' } })
  const audit = await call(server.url, '/api/audit?action=execution.auto_approved', { cookie: owner.cookie })
  expect(audit.body.entries).toEqual([expect.objectContaining({ target: expect.objectContaining({ id: ran.body.id }) })])
})

test('with the different-approver setting, the person who ran it cannot approve; an admin can', async () => {
  await setApprovalSettings({ requireDifferentApprover: true })
  try {
    const paused = await execute(writeBetweenReads('Second'), {
      onElicit: async () => {
        throw new Error('the person who ran it must not be asked')
      },
    })
    expect(paused.structuredContent?.status).toBe('paused')
    const id = idOf(paused)
    const self = await call(server.url, `/api/executions/${id}/decision`, { cookie: member.cookie, body: { approve: true } })
    expect(self.status).toBe(403)
    expect(self.body.message).toContain('someone other than')
    const admin = await call(server.url, `/api/executions/${id}/decision`, { cookie: owner.cookie, body: { approve: true } })
    expect(admin.body).toMatchObject({ status: 'completed', result: { added: 'Second' } })
  } finally {
    await setApprovalSettings({ requireDifferentApprover: false })
  }
})
