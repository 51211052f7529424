// The policy list on a real libSQL file: positions stay dense through inserts, removals and
// reorders, and every change is in the audit log.
import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { listAudit } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { DEFAULT_APPROVAL_SETTINGS, readApprovalSettings, writeApprovalSettings } from './approval-settings'
import { addPolicy, listPolicies, removePolicy, reorderPolicies, updatePolicy } from './policies'
import { MAX_POLICIES } from './policy.schema'
import { sql } from 'drizzle-orm'

const ada: Principal = { userId: 'u_ada', name: 'Ada', email: 'ada@example.com', role: 'owner', via: 'session' }
const order = async (db: Parameters<typeof listPolicies>[0]) => (await listPolicies(db)).map((rule) => `${rule.position}:${rule.pattern}`)

test('adds at the end by default, inserts at a position shifting the rest, and clamps past the end', async () => {
  const { db } = await tempDatabase()
  await addPolicy(db, ada, { pattern: 'a.*', action: 'allow' })
  await addPolicy(db, ada, { pattern: 'b.*', action: 'block' })
  const inserted = await addPolicy(db, ada, { pattern: 'first.*', action: 'require_approval', note: 'top', position: 0 })
  expect(inserted).toMatchObject({ pattern: 'first.*', action: 'require_approval', note: 'top', position: 0 })
  await addPolicy(db, ada, { pattern: 'mid.*', action: 'allow', position: 2 })
  await addPolicy(db, ada, { pattern: 'last.*', action: 'allow', position: 99 })
  expect(await order(db)).toEqual(['0:first.*', '1:a.*', '2:mid.*', '3:b.*', '4:last.*'])
  const { entries } = await listAudit(db, { action: 'policy.added', limit: 10 })
  expect(entries[0]).toMatchObject({ actor: { id: 'u_ada', name: 'Ada' }, target: { type: 'policy', label: 'last.*' }, details: { pattern: 'last.*', action: 'allow', position: 4 } })
  expect(entries).toHaveLength(5)
})

test('removing re-densifies the positions after it', async () => {
  const { db } = await tempDatabase()
  const rules = []
  for (const pattern of ['a', 'b', 'c', 'd']) rules.push(await addPolicy(db, ada, { pattern, action: 'allow' }))
  await removePolicy(db, ada, rules[1]!.id)
  expect(await order(db)).toEqual(['0:a', '1:c', '2:d'])
  await removePolicy(db, ada, rules[0]!.id)
  expect(await order(db)).toEqual(['0:c', '1:d'])
  await expect(removePolicy(db, ada, rules[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  const [removed] = (await listAudit(db, { action: 'policy.removed', limit: 10 })).entries
  expect(removed).toMatchObject({ target: { id: rules[0]!.id, label: 'a' }, details: { pattern: 'a', action: 'allow', position: 0 } })
})

test('reorders to a permutation of the current ids, and refuses anything else with the reason', async () => {
  const { db } = await tempDatabase()
  const [a, b, c] = [
    await addPolicy(db, ada, { pattern: 'a', action: 'allow' }),
    await addPolicy(db, ada, { pattern: 'b', action: 'block' }),
    await addPolicy(db, ada, { pattern: 'c', action: 'allow' }),
  ]
  const reordered = await reorderPolicies(db, ada, [c.id, a.id, b.id])
  expect(reordered.map((rule) => `${rule.position}:${rule.pattern}`)).toEqual(['0:c', '1:a', '2:b'])
  expect(await order(db)).toEqual(['0:c', '1:a', '2:b'])
  const [entry] = (await listAudit(db, { action: 'policy.reordered', limit: 1 })).entries
  expect(entry?.details).toEqual({ count: 3, moved: ['c: 3 → 1', 'a: 1 → 2', 'b: 2 → 3'] })

  await expect(reorderPolicies(db, ada, [a.id, b.id])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/1 policy missing \(c\)/) })
  await expect(reorderPolicies(db, ada, [a.id, b.id, c.id, 'pol_nope'])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/1 unknown id \(pol_nope\)/) })
  expect(await order(db)).toEqual(['0:c', '1:a', '2:b'])
})

test('updates pattern, action and note, recording what changed; an unchanged patch records nothing', async () => {
  const { db } = await tempDatabase()
  const rule = await addPolicy(db, ada, { pattern: 'github.*', action: 'allow', note: 'trusted' })
  const updated = await updatePolicy(db, ada, rule.id, { pattern: 'github.*.delete*', action: 'block', note: null })
  expect(updated).toEqual({ id: rule.id, pattern: 'github.*.delete*', action: 'block', note: null, position: 0 })
  await updatePolicy(db, ada, rule.id, { action: 'block' })
  const changes = (await listAudit(db, { action: 'policy.changed', limit: 10 })).entries
  expect(changes).toHaveLength(1)
  expect(changes[0]?.details).toEqual({ pattern: 'github.*.delete*', action: 'block', position: 0, patternFrom: 'github.*', actionFrom: 'allow', noteChanged: 'yes' })
  await expect(updatePolicy(db, ada, 'pol_nope', { action: 'block' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

test(`refuses a policy past ${MAX_POLICIES}`, async () => {
  const { db } = await tempDatabase()
  const now = Date.now()
  await db.run(
    sql.raw(
      `insert into policy (id, pattern, action, position, created_at, updated_at) select 'pol_' || value, 'p' || value, 'allow', value - 1, ${now}, ${now} from generate_series(1, ${MAX_POLICIES})`,
    ),
  )
  await expect(addPolicy(db, ada, { pattern: 'one.more', action: 'block' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already 500 policies/) })
})

test('approval settings: defaults, a partial write, from/to in the audit log, and a broken stored value read as defaults', async () => {
  const { db } = await tempDatabase()
  expect(await readApprovalSettings(db)).toEqual({ expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: false })
  const written = await writeApprovalSettings(db, ada, { expiryMinutes: 30, requireDifferentApprover: true })
  expect(written).toEqual({ expiryMinutes: 30, inlineWaitSeconds: 60, requireDifferentApprover: true })
  expect(await readApprovalSettings(db)).toEqual(written)
  const [entry] = (await listAudit(db, { action: 'approval.settings_changed', limit: 5 })).entries
  expect(entry).toMatchObject({ target: { type: 'settings', id: 'approvals' }, details: { expiryMinutesFrom: 10, expiryMinutes: 30, requireDifferentApproverFrom: false, requireDifferentApprover: true } })
  await db.run(sql`update setting set value = '{"expiryMinutes":"soon","inlineWaitSeconds":5}' where key = 'approvals'`)
  expect(await readApprovalSettings(db)).toEqual({ ...DEFAULT_APPROVAL_SETTINGS, inlineWaitSeconds: 5 })
})
