// The executions API: run code, list and read history, who sees what.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let member: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Eve Owner'))
  member = await addPerson(server.url, owner, person('Finn Member'), 'member')
})
afterAll(stopAll)

const run = (who: Session, body: unknown) => call(server.url, '/api/executions', { cookie: who.cookie, body })

test('POST runs the code and returns the stored execution', async () => {
  const created = await run(owner, { code: "console.info('hi'); return { answer: 6 * 7 }" })
  expect(created.status).toBe(201)
  expect(created.body).toMatchObject({
    status: 'completed',
    source: 'console',
    result: { answer: 42 },
    logs: [expect.objectContaining({ level: 'info', message: 'hi' })],
    actor: { name: 'Eve Owner' },
  })
  const read = await call(server.url, `/api/executions/${String(created.body.id)}`, { cookie: owner.cookie })
  expect(read.body).toMatchObject({ id: created.body.id, result: { answer: 42 }, code: "console.info('hi'); return { answer: 6 * 7 }" })
})

test('a run started with an API key is recorded as an API execution', async () => {
  const key = await createApiKey(server.url, owner)
  const created = await call(server.url, '/api/executions', { headers: { 'x-api-key': key }, body: { code: 'return 7' } })
  expect(created.body).toMatchObject({ status: 'completed', source: 'api', result: 7 })
})

test('a failed run is stored with its error', async () => {
  const created = await run(owner, { code: 'while (true) {}', limits: { timeoutMs: 200 } })
  expect(created.body).toMatchObject({ status: 'failed', error: { kind: 'timeout' } })
  const list = await call(server.url, '/api/executions', { cookie: owner.cookie })
  const first = (list.body.executions as Array<Record<string, unknown>>)[0]
  expect(first).toMatchObject({ id: created.body.id, status: 'failed', errorMessage: expect.any(String) })
})

test('a program may make 10,000 tool calls: it gets its result and history keeps every call', async () => {
  const code = 'let last; for (let i = 0; i < 10000; i++) last = await tools.executor.echo({ i }); return last'
  const created = await run(owner, { code, limits: { maxToolCalls: 10_000, timeoutMs: 60_000 } })
  expect(created.status, JSON.stringify(created.body).slice(0, 500)).toBe(201)
  expect(created.body).toMatchObject({ status: 'completed', result: { i: 9_999 }, toolCallCount: 10_000 })
  const read = await call(server.url, `/api/executions/${String(created.body.id)}`, { cookie: owner.cookie })
  const calls = read.body.toolCalls as Array<{ path: string; args: { i: number } }>
  expect(calls).toHaveLength(10_000)
  expect(calls[9_999]).toMatchObject({ path: 'executor.echo', args: { i: 9_999 } })
  // The log line of the run says how many calls, never what they carried.
  expect(server.logs()).not.toContain('"i":9999')
})

test('members see only their own executions; owners see everyone’s', async () => {
  const mine = await run(member, { code: 'return "member"' })
  const theirs = await run(owner, { code: 'return "owner"' })
  const memberList = (await call(server.url, '/api/executions', { cookie: member.cookie })).body.executions as Array<{ id: string }>
  expect(memberList.map((e) => e.id)).toContain(mine.body.id)
  expect(memberList.map((e) => e.id)).not.toContain(theirs.body.id)
  expect((await call(server.url, `/api/executions/${String(theirs.body.id)}`, { cookie: member.cookie })).status).toBe(404)
  const ownerList = (await call(server.url, '/api/executions', { cookie: owner.cookie })).body.executions as Array<{ id: string }>
  expect(ownerList.map((e) => e.id)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]))
})

test('history pages with limit and before', async () => {
  for (let i = 0; i < 3; i++) await run(member, { code: `return ${i}` })
  const page = await call(server.url, '/api/executions?limit=2', { cookie: member.cookie })
  expect((page.body.executions as unknown[]).length).toBe(2)
  const next = String(page.body.nextBefore)
  const older = await call(server.url, `/api/executions?limit=2&before=${encodeURIComponent(next)}`, { cookie: member.cookie })
  expect((older.body.executions as unknown[]).length).toBeGreaterThan(0)
  expect((await call(server.url, '/api/executions?limit=0', { cookie: member.cookie })).status).toBe(400)
  expect((await call(server.url, '/api/executions?before=yesterday', { cookie: member.cookie })).status).toBe(400)
})

test('bad input is refused with a clear 400 and strangers get 401', async () => {
  expect((await run(owner, { code: '' })).body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('code') })
  const tooLong = await run(owner, { code: 'return 1', limits: { timeoutMs: 10 * 60 * 1000 } })
  expect(tooLong.status).toBe(400)
  expect(String(tooLong.body.message)).toMatch(/timeoutMs/)
  expect((await call(server.url, '/api/executions', { body: { code: 'return 1' } })).status).toBe(401)
  expect((await call(server.url, '/api/executions')).status).toBe(401)
})
