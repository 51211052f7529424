import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { listAudit, recordAudit, SYSTEM_ACTOR, urlWithoutSecrets } from './audit-log'

const ada = { id: 'u_ada', name: 'Ada', email: 'ada@example.com' }
const bob = { id: 'u_bob', name: 'Bob', email: 'bob@example.com' }

test('lists newest first, filters by action, actor and target type, and pages by cursor without skipping ties', async () => {
  const { db } = await tempDatabase()
  const t0 = 1_700_000_000_000
  // Three entries in the same millisecond: the cursor's id part keeps them apart.
  for (let i = 0; i < 3; i++) {
    await recordAudit(db, ada, { action: 'invite.created', target: { type: 'invite', id: `inv_${i}` }, details: { role: 'member' } }, t0)
  }
  await recordAudit(db, bob, { action: 'member.role_changed', target: { type: 'member', id: 'u_c', label: 'c@example.com' }, details: { from: 'member', to: 'admin' } }, t0 + 1)
  await recordAudit(db, SYSTEM_ACTOR, { action: 'secrets.rotated', target: { type: 'secrets', id: 'k1' }, details: { count: 2 } }, t0 + 2)

  const all = await listAudit(db, { limit: 10 })
  expect(all.entries.map((e) => e.action)).toEqual(['secrets.rotated', 'member.role_changed', 'invite.created', 'invite.created', 'invite.created'])
  expect(all.nextCursor).toBeNull()
  expect(all.entries[0]).toMatchObject({ actor: SYSTEM_ACTOR, at: new Date(t0 + 2).toISOString(), details: { count: 2 } })
  expect(all.entries[1]).toMatchObject({ actor: bob, target: { type: 'member', id: 'u_c', label: 'c@example.com' }, details: { from: 'member', to: 'admin' } })

  expect((await listAudit(db, { action: 'invite.created', limit: 10 })).entries).toHaveLength(3)
  expect((await listAudit(db, { actorId: 'u_bob', limit: 10 })).entries.map((e) => e.action)).toEqual(['member.role_changed'])
  expect((await listAudit(db, { targetType: 'secrets', limit: 10 })).entries.map((e) => e.actor.id)).toEqual(['system'])

  const seen: string[] = []
  let before: string | undefined
  for (;;) {
    const page = await listAudit(db, { limit: 2, ...(before ? { before } : {}) })
    seen.push(...page.entries.map((e) => e.id))
    if (!page.nextCursor) break
    before = page.nextCursor
  }
  expect(seen).toEqual(all.entries.map((e) => e.id))
})

test('recorded URLs lose user info, query and fragment', () => {
  expect(urlWithoutSecrets('https://user:pw@api.example.com/openapi.json?token=abc#x')).toBe('https://api.example.com/openapi.json')
  expect(urlWithoutSecrets(null)).toBeNull()
})

test('entries written in the same millisecond list newest first in the order they were written', async () => {
  const { db } = await tempDatabase()
  const t0 = 1_700_000_000_000
  for (let i = 0; i < 40; i++) await recordAudit(db, ada, { action: 'policy.added', target: { type: 'policy', id: `pol_${i}` } }, t0)
  const written = Array.from({ length: 40 }, (_, i) => `pol_${39 - i}`)
  expect((await listAudit(db, { limit: 50 })).entries.map((e) => e.target.id)).toEqual(written)
  // Paging by cursor through the tie keeps the same order.
  const paged: string[] = []
  let before: string | undefined
  for (;;) {
    const page = await listAudit(db, { limit: 7, ...(before ? { before } : {}) })
    paged.push(...page.entries.map((e) => e.target.id))
    if (!page.nextCursor) break
    before = page.nextCursor
  }
  expect(paged).toEqual(written)
})
