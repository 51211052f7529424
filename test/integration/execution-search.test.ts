// Searching execution history over the HTTP API of the built container: filters, their
// validation, and who sees what with filters on.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let member: Session
let memberId: string
const runs: Record<string, string> = {}

beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Sam Owner'))
  member = await addPerson(server.url, owner, person('Mia Member'), 'member')
  const key = await createApiKey(server.url, owner)
  runs.ownerEcho = await run(owner, 'return await tools.executor.echo({ word: "needle" })')
  runs.ownerPercent = await run(owner, 'return "100% sure"')
  runs.ownerFails = await run(owner, 'throw new Error("broken on purpose")')
  runs.ownerApi = await run({ headers: { 'x-api-key': key } }, 'return "from a key"')
  runs.memberEcho = await run(member, 'return await tools.executor.echo({ word: "member needle" })')
  runs.memberFails = await run(member, 'throw new Error("member broke it")')
  const mine = await list(member, '')
  memberId = String(mine[0]?.actor.id)
}, 60_000)
afterAll(stopAll)

async function run(who: Session | { headers: Record<string, string> }, code: string): Promise<string> {
  const auth = 'cookie' in who ? { cookie: who.cookie } : who
  const created = await call(server.url, '/api/executions', { ...auth, body: { code } })
  expect(created.status).toBe(201)
  return String(created.body.id)
}

type Row = { id: string; status: string; source: string; actor: { id: string } }

async function list(who: Session, query: string): Promise<Row[]> {
  const response = await call(server.url, `/api/executions?${query}`, { cookie: who.cookie })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.executions as Row[]
}
const ids = async (who: Session, query: string) => (await list(who, query)).map((row) => row.id)

test('status, source and actor filters', async () => {
  expect(await ids(owner, 'status=failed')).toEqual([runs.memberFails, runs.ownerFails])
  expect(await ids(owner, 'source=api')).toEqual([runs.ownerApi])
  expect(await ids(owner, `actor=${memberId}`)).toEqual([runs.memberFails, runs.memberEcho])
  expect(await ids(owner, `status=completed&actor=${memberId}`)).toEqual([runs.memberEcho])
})

test('tool and text search', async () => {
  expect(await ids(owner, 'tool=executor.echo')).toEqual([runs.memberEcho, runs.ownerEcho])
  expect(await ids(owner, 'tool=executor.')).toEqual([runs.memberEcho, runs.ownerEcho])
  expect(await ids(owner, 'q=BROKEN')).toEqual([runs.ownerFails])
  expect(await ids(owner, 'q=needle')).toEqual([runs.memberEcho, runs.ownerEcho])
})

test('a LIKE wildcard in q is taken literally', async () => {
  expect(await ids(owner, `q=${encodeURIComponent('%')}`)).toEqual([runs.ownerPercent])
  expect(await ids(owner, `q=${encodeURIComponent('100%')}`)).toEqual([runs.ownerPercent])
  expect(await ids(owner, 'q=_')).toEqual([])
})

test('time bounds', async () => {
  const all = await ids(owner, '')
  expect(all.length).toBe(6)
  expect(await ids(owner, 'to=2000-01-01')).toEqual([])
  expect(await ids(owner, `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).toEqual(all)
})

test('members see only their own runs, whatever the filters', async () => {
  expect(await ids(member, 'q=needle')).toEqual([runs.memberEcho])
  expect(await ids(member, 'status=failed')).toEqual([runs.memberFails])
  const ownerRun = await list(owner, 'source=api')
  expect(await ids(member, `actor=${String(ownerRun[0]?.actor.id)}`)).toEqual([])
})

test('filtered history pages with before', async () => {
  const first = await call(server.url, '/api/executions?q=needle&limit=1', { cookie: owner.cookie })
  expect((first.body.executions as Row[]).map((row) => row.id)).toEqual([runs.memberEcho])
  const next = encodeURIComponent(String(first.body.nextBefore))
  const second = await call(server.url, `/api/executions?q=needle&limit=1&before=${next}`, { cookie: owner.cookie })
  expect((second.body.executions as Row[]).map((row) => row.id)).toEqual([runs.ownerEcho])
  expect(second.body.nextBefore).toBeNull()
})

test('bad filter values answer 400 with a clear message', async () => {
  const cases: [string, RegExp][] = [
    ['status=done', /status must be one of running, completed, failed, cancelled, interrupted/],
    ['source=cli', /source must be one of mcp, api, console/],
    ['from=yesterday', /from must be an ISO date/],
    [`q=${'x'.repeat(201)}`, /q must be at most 200 characters/],
  ]
  for (const [query, message] of cases) {
    const response = await call(server.url, `/api/executions?${query}`, { cookie: owner.cookie })
    expect(response.status, query).toBe(400)
    expect(response.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message), requestId: expect.any(String) })
  }
})
