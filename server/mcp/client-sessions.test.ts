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

test('only the newest 20 sessions of a principal are kept; other principals are untouched', async () => {
  const { db } = await tempDatabase()
  await recordSessionOpened(db, { id: 'other', userId: 'u2', client: { name: 'x', version: '1' } }, t0)
  for (let i = 0; i < 25; i++) await recordSessionOpened(db, { id: `s${i}`, userId: 'u1', client: { name: `c${i}`, version: '1' } }, t0 + i)
  const mine = await listClientSessions(db, { userId: 'u1' }, { idleMs, now: t0 + 100 })
  expect(mine.map((s) => s.id)).toEqual(Array.from({ length: 20 }, (_, i) => `s${24 - i}`))
  expect(await listClientSessions(db, {}, { idleMs, now: t0 + 100 })).toHaveLength(21)
})

test('clientInfo comes from the initialize request, bounded, with unknown for what is missing', () => {
  expect(clientInfoOf({ params: { clientInfo: { name: 'Cursor', version: '1.2' } } })).toEqual({ name: 'Cursor', version: '1.2' })
  expect(clientInfoOf([{ params: { clientInfo: { name: 'x'.repeat(500) } } }])).toEqual({ name: 'x'.repeat(200), version: 'unknown' })
  expect(clientInfoOf(null)).toEqual({ name: 'unknown', version: 'unknown' })
})
