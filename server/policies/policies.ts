// The admin-ordered policy list. Positions are 0-based and dense; every write keeps them so
// and lands as one `db.batch` together with its audit entry (D1 has no interactive
// transactions). Positions are computed inside the statements, not from what was read before,
// so two writes at once cannot leave a gap or a duplicate.
import { asc, eq, gt, gte, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { policy } from '~/db/schema'
import { actorOf, auditInsert } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { type ApprovalSettings, readApprovalSettings } from './approval-settings'
import { decidePolicy, type PolicyDecision, type PolicyRule } from './decide-policy'
import { locateTool, type LocatedTool } from './locate-tool'
import { MAX_POLICIES, type AddPolicyInput, type UpdatePolicyInput } from './policy.schema'

const columns = { id: policy.id, pattern: policy.pattern, action: policy.action, note: policy.note, position: policy.position }

export async function listPolicies(db: Database): Promise<PolicyRule[]> {
  return db.select(columns).from(policy).orderBy(asc(policy.position), asc(policy.createdAt))
}

/** What the policies page and `GET /api/policies` show: the list and the approval settings. */
export async function policiesAndSettings(db: Database): Promise<{ policies: PolicyRule[]; settings: ApprovalSettings }> {
  const [policies, settings] = await Promise.all([listPolicies(db), readApprovalSettings(db)])
  return { policies, settings }
}

export type PolicyTest = { path: string; names: string[]; decision: PolicyDecision; tool?: LocatedTool['tool'] }

/** How a call to `path` by `principal` would be decided now (see ./locate-tool.ts for the names it goes by). */
export async function testPolicyPath(db: Database, principal: Principal, path: string): Promise<PolicyTest> {
  const [located, rules] = await Promise.all([locateTool(db, principal, path), listPolicies(db)])
  const decision = decidePolicy(rules, located.names, located.toolDefault)
  return { path: located.path, names: located.names, decision, ...(located.tool ? { tool: located.tool } : {}) }
}

export async function getPolicy(db: Database, id: string): Promise<PolicyRule> {
  const [row] = await db.select(columns).from(policy).where(eq(policy.id, id)).limit(1)
  if (!row) throw new AppError('NOT_FOUND', 'No such policy')
  return row
}

const count = sql<number>`(select count(*) from ${policy})`

export async function addPolicy(db: Database, actor: Principal, input: AddPolicyInput, now = Date.now()): Promise<PolicyRule> {
  const [existing] = await db.select({ n: count }).from(policy).limit(1)
  const total = existing?.n ?? 0
  if (total >= MAX_POLICIES) throw new AppError('CONFLICT', `There are already ${MAX_POLICIES} policies, the most allowed; remove one first`)
  const id = newId('pol')
  const at = new Date(now)
  const wanted = input.position ?? MAX_POLICIES
  const position = Math.min(wanted, total)
  await db.batch([
    db.update(policy).set({ position: sql`${policy.position} + 1` }).where(gte(policy.position, wanted)),
    db.insert(policy).values({
      id,
      pattern: input.pattern,
      action: input.action,
      note: input.note ?? null,
      // The end of the list as it is now (the shift above left rows past `wanted` only).
      position: sql`min(${wanted}, (select count(*) from ${policy} where ${policy.position} < ${wanted}))`,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    }),
    auditInsert(db, actorOf(actor), {
      action: 'policy.added',
      target: { type: 'policy', id, label: input.pattern },
      details: { pattern: input.pattern, action: input.action, position },
    }, now),
  ])
  return getPolicy(db, id)
}

export async function updatePolicy(db: Database, actor: Principal, id: string, patch: UpdatePolicyInput, now = Date.now()): Promise<PolicyRule> {
  const before = await getPolicy(db, id)
  const after = { ...before, ...patch }
  const details: Record<string, string | number | null> = { pattern: after.pattern, action: after.action, position: before.position }
  if (after.pattern !== before.pattern) details.patternFrom = before.pattern
  if (after.action !== before.action) details.actionFrom = before.action
  if (after.note !== before.note) details.noteChanged = 'yes'
  if (Object.keys(details).length === 3) return before
  await db.batch([
    db.update(policy).set({ pattern: after.pattern, action: after.action, note: after.note, updatedAt: new Date(now) }).where(eq(policy.id, id)),
    auditInsert(db, actorOf(actor), { action: 'policy.changed', target: { type: 'policy', id, label: after.pattern }, details }, now),
  ])
  return getPolicy(db, id)
}

export async function removePolicy(db: Database, actor: Principal, id: string, now = Date.now()): Promise<void> {
  const before = await getPolicy(db, id)
  const [deleted] = await db.batch([
    db.delete(policy).where(eq(policy.id, id)).returning({ id: policy.id }),
    // Dense again: each row's position becomes the number of rows before it.
    db.update(policy).set({ position: sql`(select count(*) from ${policy} as earlier where earlier.position < ${policy.position})` }).where(gt(policy.position, before.position)),
    auditInsert(db, actorOf(actor), {
      action: 'policy.removed',
      target: { type: 'policy', id, label: before.pattern },
      details: { pattern: before.pattern, action: before.action, position: before.position },
    }, now),
  ])
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'No such policy')
}

/** `ids` in their new order; it must name every policy exactly once. */
export async function reorderPolicies(db: Database, actor: Principal, ids: string[], now = Date.now()): Promise<PolicyRule[]> {
  const current = await listPolicies(db)
  const known = new Set(current.map((rule) => rule.id))
  const unknown = ids.filter((id) => !known.has(id))
  const missing = current.filter((rule) => !ids.includes(rule.id))
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `${unknown.length} unknown id${unknown.length === 1 ? '' : 's'} (${unknown.slice(0, 3).join(', ')})` : '',
      missing.length > 0 ? `${missing.length} polic${missing.length === 1 ? 'y' : 'ies'} missing (${missing.slice(0, 3).map((r) => r.pattern).join(', ')})` : '',
    ].filter(Boolean)
    throw new AppError('CONFLICT', `ids must list every current policy once: ${parts.join('; ')}. The list may have changed; reload it and try again`)
  }
  const moved = ids
    .map((id, to) => ({ rule: current.find((rule) => rule.id === id), to }))
    .filter((move) => move.rule && move.rule.position !== move.to)
    .map((move) => `${move.rule?.pattern}: ${(move.rule?.position ?? 0) + 1} → ${move.to + 1}`)
  if (moved.length === 0) return current
  const order = JSON.stringify(ids)
  await db.batch([
    // One statement with one parameter: D1 caps bound parameters per statement at 100.
    db
      .update(policy)
      .set({ position: sql`(select cast(j.key as integer) from json_each(${order}) as j where j.value = ${policy.id})`, updatedAt: new Date(now) })
      .where(sql`${policy.id} in (select value from json_each(${order}))`),
    auditInsert(db, actorOf(actor), {
      action: 'policy.reordered',
      target: { type: 'policy', id: 'list', label: `${moved.length} moved` },
      details: { count: ids.length, moved: moved.slice(0, 50) },
    }, now),
  ])
  return listPolicies(db)
}
