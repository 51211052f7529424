// Cancelling a running execution over the API, and runs a crash left behind (container target).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, person, signIn, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let admin: Session
let member: Session
let otherMember: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Olga Owner'))
  admin = await addPerson(server.url, owner, person('Ada Admin'), 'admin')
  member = await addPerson(server.url, owner, person('Mia Member'), 'member')
  otherMember = await addPerson(server.url, owner, person('Oscar Other'), 'member')
})
afterAll(stopAll)

// Runs for about ten seconds, computing between tool calls: each call gives the server's event
// loop a turn, so requests (the cancel among them) are served while it runs. A program that
// never calls a tool holds the thread under the inline runner; cancelling one of those is the
// worker-thread runner's to prove.
const SLOW_PROGRAM = {
  code: 'for (let i = 0; ; i++) { let x = 0; for (let j = 0; j < 20000; j++) x += j; await tools.executor.echo(i) }',
  limits: { maxToolCalls: 10_000, timeoutMs: 60_000 },
}

/** Starts the slow program as `who` without waiting for it; resolves with its id once its row says running. */
async function startSlowRun(baseUrl: string, who: Session) {
  const before = new Set(await executionIds(baseUrl, who))
  const response = call(baseUrl, '/api/executions', { cookie: who.cookie, body: SLOW_PROGRAM })
  for (let attempt = 0; attempt < 100; attempt++) {
    const list = await call(baseUrl, '/api/executions?limit=5', { cookie: who.cookie })
    const running = (list.body.executions as Array<{ id: string; status: string }>).find((e) => !before.has(e.id) && e.status === 'running')
    if (running) return { id: running.id, response }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the slow run never showed as running')
}

async function executionIds(baseUrl: string, who: Session) {
  const list = await call(baseUrl, '/api/executions?limit=50', { cookie: who.cookie })
  return (list.body.executions as Array<{ id: string }>).map((e) => e.id)
}

const cancel = (who: Session, id: string) => call(server.url, `/api/executions/${id}/cancel`, { method: 'POST', cookie: who.cookie })

test('another member cannot cancel (404, as for reading); an admin can, and the run ends cancelled naming them', async () => {
  const { id, response } = await startSlowRun(server.url, member)
  const refused = await cancel(otherMember, id)
  expect(refused.status).toBe(404)
  expect(refused.body).toMatchObject({ code: 'NOT_FOUND' })

  const cancelled = await cancel(admin, id)
  expect(cancelled.status).toBe(200)
  expect(cancelled.body).toMatchObject({
    id,
    status: 'cancelled',
    error: { kind: 'aborted', message: 'Cancelled by Ada Admin (ada.admin@example.com)' },
  })
  // The request that started it gets the same ending.
  expect((await response).body).toMatchObject({ id, status: 'cancelled' })
  const read = await call(server.url, `/api/executions/${id}`, { cookie: member.cookie })
  expect(read.body).toMatchObject({ status: 'cancelled', errorMessage: 'Cancelled by Ada Admin (ada.admin@example.com)' })
  expect((read.body.toolCalls as unknown[]).length).toBeGreaterThan(0)

  const again = await cancel(member, id)
  expect(again.status).toBe(409)
  expect(again.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not running') })
})

test('the owner of a run cancels it; an owner cancels anyone’s', async () => {
  const mine = await startSlowRun(server.url, member)
  expect(await cancel(member, mine.id)).toMatchObject({ status: 200, body: { status: 'cancelled' } })
  await mine.response
  const theirs = await startSlowRun(server.url, admin)
  expect(await cancel(owner, theirs.id)).toMatchObject({ status: 200, body: { status: 'cancelled', errorMessage: expect.stringContaining('Olga Owner') } })
  await theirs.response
})

test('cancel answers 409 for a finished run, 404 for an unknown id, 405 for other methods and 401 without credentials', async () => {
  const done = await call(server.url, '/api/executions', { cookie: member.cookie, body: { code: 'return 1' } })
  const finished = await cancel(member, String(done.body.id))
  expect(finished.status).toBe(409)
  expect(finished.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('completed') })
  expect((await cancel(member, 'exe_nope')).status).toBe(404)
  expect((await call(server.url, `/api/executions/${String(done.body.id)}/cancel`, { cookie: member.cookie })).status).toBe(405)
  expect((await call(server.url, `/api/executions/${String(done.body.id)}/cancel`, { method: 'POST' })).status).toBe(401)
})

test('a run the server was killed during reads as interrupted after restart', async () => {
  const first = await startBunServer()
  const who = await claimOwner(first.url, person('Kira Killed'))
  const { id, response } = await startSlowRun(first.url, who)
  void response.catch(() => undefined)
  await first.stop('SIGKILL')

  const second = await startBunServer({ dataDir: first.dataDir })
  const session = await signIn(second.url, who.person)
  const read = await call(second.url, `/api/executions/${id}`, { cookie: session.cookie })
  expect(read.body).toMatchObject({
    id,
    status: 'interrupted',
    error: { kind: 'interrupted', message: expect.stringContaining('The server stopped while this ran') },
  })
  expect(second.logs()).toContain('executions interrupted by the last shutdown')
  expect((await call(second.url, `/api/executions/${id}/cancel`, { method: 'POST', cookie: session.cookie })).status).toBe(409)
  await second.stop()
})
