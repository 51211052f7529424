import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { clientInfoOf, listClientSessions, recordSessionClosed, recordSessionOpened, recordSessionSeen } from './client-sessions'

const t0 = 1_700_000_000_000
const idleMs = 30 * 60_000

test('last seen is written at most once a minute, and a session reads open until ended or idle', async () => {
  const { db } = await tempDatabase()
  await recordSessionOpened(db, { id: 's1', userId: 'u1', client: { name: 'Claude Code', version: '2.0.1' } }, t0)
  const seen = async (now: number) => (await listClientSessions(db, { userId: 'u1' }, { idleMs, now }))[0]

  let written = await recordSessionSeen(db, 's1', t0, t0 + 59_000)
  expect(written).toBe(t0)
  expect((await seen(t0 + 59_000))?.lastSeenAt).toBe(new Date(t0).toISOString())
  written = await recordSessionSeen(db, 's1', written, t0 + 60_000)
  expect(written).toBe(t0 + 60_000)
  expect((await seen(t0 + 60_000))?.lastSeenAt).toBe(new Date(t0 + 60_000).toISOString())

  expect((await seen(t0 + 60_000 + idleMs))?.open).toBe(true)
  expect((await seen(t0 + 120_001 + idleMs))?.open).toBe(false)
  await recordSessionClosed(db, 's1', t0 + 61_000)
  expect((await seen(t0 + 61_000))?.open).toBe(false)
})

test('past the cap, the least recently seen of that principal\'s unended sessions are ended and returned', async () => {
  const { db } = await tempDatabase()
  const open = (id: string, userId: string, at: number) => recordSessionOpened(db, { id, userId, client: { name: id, version: '1' } }, at, 3)
  expect(await open('other', 'u2', t0)).toEqual([])
  expect(await open('a', 'u1', t0)).toEqual([])
  expect(await open('b', 'u1', t0 + 1)).toEqual([])
  expect(await open('c', 'u1', t0 + 2)).toEqual([])
  // `a` was seen a minute later, so `b` is now the least recently seen.
  await recordSessionSeen(db, 'a', t0, t0 + 60_000)
  expect(await open('d', 'u1', t0 + 60_001)).toEqual(['b'])
  // An ended session does not count against the cap.
  await recordSessionClosed(db, 'c', t0 + 60_002)
  expect(await open('e', 'u1', t0 + 60_003)).toEqual([])
  expect(await open('f', 'u1', t0 + 60_004)).toEqual(['a'])

  const mine = await listClientSessions(db, { userId: 'u1' }, { idleMs, now: t0 + 60_005 })
  expect(mine.filter((s) => s.open).map((s) => s.id).sort()).toEqual(['d', 'e', 'f'])
  expect(mine.filter((s) => !s.open).map((s) => s.id).sort()).toEqual(['a', 'b', 'c'])
  expect((await listClientSessions(db, { userId: 'u2' }, { idleMs, now: t0 + 60_005 }))[0]?.open).toBe(true)
})

test('with a cap, every unended session of a principal is kept, and the newest 20 ended ones; other principals are untouched', async () => {
  const { db } = await tempDatabase()
  await recordSessionOpened(db, { id: 'other', userId: 'u2', client: { name: 'x', version: '1' } }, t0, 32)
  for (let i = 0; i < 25; i++) {
    await recordSessionOpened(db, { id: `s${i}`, userId: 'u1', client: { name: `c${i}`, version: '1' } }, t0 + i, 32)
    await recordSessionClosed(db, `s${i}`, t0 + i)
  }
  // Seen long before the others, the oldest open session stays listed while it is unended.
  await recordSessionOpened(db, { id: 'kept-open', userId: 'u1', client: { name: 'x', version: '1' } }, t0 - 1000, 32)
  await recordSessionOpened(db, { id: 'last', userId: 'u1', client: { name: 'x', version: '1' } }, t0 + 100, 32)
  const mine = await listClientSessions(db, { userId: 'u1' }, { idleMs, now: t0 + 200 })
  expect(mine.map((s) => s.id).sort()).toEqual(['kept-open', 'last', ...Array.from({ length: 20 }, (_, i) => `s${24 - i}`)].sort())
  expect(await listClientSessions(db, {}, { idleMs, now: t0 + 200 })).toHaveLength(23)
})

test('without a cap (the container caps its store itself), only the newest 20 sessions of a principal are kept', async () => {
  const { db } = await tempDatabase()
  await recordSessionOpened(db, { id: 'other', userId: 'u2', client: { name: 'x', version: '1' } }, t0)
  for (let i = 0; i < 25; i++) expect(await recordSessionOpened(db, { id: `s${i}`, userId: 'u1', client: { name: `c${i}`, version: '1' } }, t0 + i)).toEqual([])
  const mine = await listClientSessions(db, { userId: 'u1' }, { idleMs, now: t0 + 100 })
  expect(mine.map((s) => s.id)).toEqual(Array.from({ length: 20 }, (_, i) => `s${24 - i}`))
  expect(await listClientSessions(db, {}, { idleMs, now: t0 + 100 })).toHaveLength(21)
})

test('clientInfo comes from the initialize request, bounded, with unknown for what is missing', () => {
  expect(clientInfoOf({ params: { clientInfo: { name: 'Cursor', version: '1.2' } } })).toEqual({ name: 'Cursor', version: '1.2' })
  expect(clientInfoOf([{ params: { clientInfo: { name: 'x'.repeat(500) } } }])).toEqual({ name: 'x'.repeat(200), version: 'unknown' })
  expect(clientInfoOf(null)).toEqual({ name: 'unknown', version: 'unknown' })
})
