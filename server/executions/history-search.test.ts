// History filters against a real libSQL file: each filter alone, together, with paging, and
// the visibility rule for members.
import { expect, test } from 'vitest'
import type { ExecutionSource, ExecutionStatus } from '~/db/enums'
import { execution, toolCall } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import type { Principal } from '../auth/principal'
import { listExecutions } from './executions'
import { HistoryFilterSchema, type HistoryFilter } from './history-filter.schema'

const owner: Principal = { userId: 'u_owner', name: 'Owner', email: 'o@example.com', role: 'owner', via: 'session' }
const member: Principal = { userId: 'u_member', name: 'Member', email: 'm@example.com', role: 'member', via: 'session' }
const NOW = Date.parse('2026-11-30T12:00:00Z')

type Seed = {
  id: string
  actor?: Principal
  status?: ExecutionStatus
  source?: ExecutionSource
  code?: string
  at: string
  limits?: object
  calls?: { path: string; integration?: string }[]
}

const seeds: Seed[] = [
  { id: 'exe_1', at: '2026-11-28T09:00:00Z', code: 'return await tools.github.issues.list({})', calls: [{ path: 'github.issues.list', integration: 'github' }] },
  { id: 'exe_2', at: '2026-11-29T09:00:00Z', status: 'failed', source: 'mcp', code: 'throw new Error("nope")' },
  { id: 'exe_3', at: '2026-11-29T10:00:00Z', actor: member, source: 'console', code: 'return 100% done', calls: [{ path: 'stripe.charges.create', integration: 'stripe' }] },
  { id: 'exe_4', at: '2026-11-30T08:00:00Z', actor: member, status: 'failed', code: 'return 1', calls: [{ path: 'github.pulls.get', integration: 'github' }, { path: 'github.pulls.merge', integration: 'github' }] },
  { id: 'exe_5', at: '2026-11-30T09:00:00Z', code: 'return "a_b"', calls: [{ path: 'discover' }] },
  // Left `running` long ago: reads as interrupted.
  { id: 'exe_6', at: '2026-11-30T10:00:00Z', status: 'running', code: 'while (true) {}', limits: { timeoutMs: 1000 } },
  { id: 'exe_7', at: '2026-11-30T11:59:59Z', status: 'running', code: 'await new Promise(() => {})', limits: { timeoutMs: 30_000 } },
]

async function seeded() {
  const { db } = await tempDatabase()
  for (const seed of seeds) {
    const actor = seed.actor ?? owner
    await db.insert(execution).values({
      id: seed.id,
      actorId: actor.userId,
      actorName: actor.name,
      actorEmail: actor.email,
      source: seed.source ?? 'api',
      code: seed.code ?? 'return 1',
      status: seed.status ?? 'completed',
      logs: [],
      limits: seed.limits ?? { timeoutMs: 30_000 },
      startedAt: new Date(seed.at),
      toolCallCount: seed.calls?.length ?? 0,
    })
    for (const [seq, call] of (seed.calls ?? []).entries()) {
      await db.insert(toolCall).values({
        executionId: seed.id,
        seq,
        path: call.path,
        args: {},
        startedAtMs: 0,
        durationMs: 1,
        ok: true,
        integration: call.integration ?? null,
      })
    }
  }
  const ids = async (filter: Record<string, string>, viewer = owner) =>
    (await listExecutions(db, viewer, { limit: 50, now: NOW, filter: HistoryFilterSchema.parse(filter) })).executions.map((e) => e.id)
  return { db, ids }
}

test('status filters by what a run reports, a stale running row counting as interrupted', async () => {
  const { ids } = await seeded()
  expect(await ids({ status: 'failed' })).toEqual(['exe_4', 'exe_2'])
  expect(await ids({ status: 'completed' })).toEqual(['exe_5', 'exe_3', 'exe_1'])
  expect(await ids({ status: 'running' })).toEqual(['exe_7'])
  expect(await ids({ status: 'interrupted' })).toEqual(['exe_6'])
  expect(await ids({ status: 'cancelled' })).toEqual([])
})

test('source, actor and time bounds', async () => {
  const { ids } = await seeded()
  expect(await ids({ source: 'mcp' })).toEqual(['exe_2'])
  expect(await ids({ source: 'console' })).toEqual(['exe_3'])
  expect(await ids({ actor: 'u_member' })).toEqual(['exe_4', 'exe_3'])
  expect(await ids({ from: '2026-11-30' })).toEqual(['exe_7', 'exe_6', 'exe_5', 'exe_4'])
  // A bare `to` date takes in the whole day.
  expect(await ids({ to: '2026-11-29' })).toEqual(['exe_3', 'exe_2', 'exe_1'])
  expect(await ids({ from: '2026-11-29T09:30:00Z', to: '2026-11-30T08:00:00Z' })).toEqual(['exe_4', 'exe_3'])
})

test('integration and tool filters match runs that called them, each run once', async () => {
  const { ids } = await seeded()
  expect(await ids({ integration: 'github' })).toEqual(['exe_4', 'exe_1'])
  expect(await ids({ integration: 'stripe' })).toEqual(['exe_3'])
  expect(await ids({ integration: 'nope' })).toEqual([])
  expect(await ids({ tool: 'github.pulls' })).toEqual(['exe_4'])
  expect(await ids({ tool: 'github.pulls.merge' })).toEqual(['exe_4'])
  expect(await ids({ tool: 'github' })).toEqual(['exe_4', 'exe_1'])
  // A prefix, not a substring.
  expect(await ids({ tool: 'pulls' })).toEqual([])
  // `_` is literal: it is no single-character wildcard.
  expect(await ids({ tool: 'github_pulls' })).toEqual([])
})

test('q searches the code and the tool paths, case-insensitively, with wildcards taken literally', async () => {
  const { ids } = await seeded()
  expect(await ids({ q: 'ERROR' })).toEqual(['exe_2'])
  expect(await ids({ q: 'charges' })).toEqual(['exe_3'])
  expect(await ids({ q: 'issues' })).toEqual(['exe_1'])
  expect(await ids({ q: '100%' })).toEqual(['exe_3'])
  expect(await ids({ q: '%' })).toEqual(['exe_3'])
  expect(await ids({ q: 'a_b' })).toEqual(['exe_5'])
  expect(await ids({ q: '_' })).toEqual(['exe_5'])
  expect(await ids({ q: '\\' })).toEqual([])
})

test('filters combine, and members only ever see their own runs', async () => {
  const { ids } = await seeded()
  expect(await ids({ integration: 'github', status: 'failed' })).toEqual(['exe_4'])
  expect(await ids({ integration: 'github', actor: 'u_owner', q: 'tools' })).toEqual(['exe_1'])
  expect(await ids({ source: 'api', from: '2026-11-30', status: 'completed' })).toEqual(['exe_5'])
  expect(await ids({}, member)).toEqual(['exe_4', 'exe_3'])
  expect(await ids({ actor: 'u_owner' }, member)).toEqual([])
  expect(await ids({ integration: 'github' }, member)).toEqual(['exe_4'])
  expect(await ids({ q: 'return' }, member)).toEqual(['exe_4', 'exe_3'])
})

test('cursor paging walks a filtered history', async () => {
  const { db } = await seeded()
  const filter: HistoryFilter = HistoryFilterSchema.parse({ q: 'return' })
  const seen: string[] = []
  let before: string | undefined
  for (let page = 0; page < 10; page++) {
    const result = await listExecutions(db, owner, { limit: 2, before, now: NOW, filter })
    seen.push(...result.executions.map((e) => e.id))
    if (!result.nextBefore) break
    before = result.nextBefore
  }
  expect(seen).toEqual(['exe_5', 'exe_4', 'exe_3', 'exe_1'])
})

test('bad filter values are refused with a message naming the parameter', () => {
  const message = (input: Record<string, string>) => HistoryFilterSchema.safeParse(input).error?.issues[0]?.message
  expect(message({ status: 'done' })).toMatch(/^status must be one of running, completed/)
  expect(message({ source: 'cli' })).toMatch(/^source must be one of/)
  expect(message({ from: 'yesterday' })).toMatch(/^from must be an ISO date/)
  expect(message({ to: '2026-13-45' })).toMatch(/^to must be an ISO date/)
  expect(message({ q: 'x'.repeat(201) })).toBe('q must be at most 200 characters')
  expect(HistoryFilterSchema.parse({ status: '', q: '' })).toEqual({})
})
