// Operator settings for approvals, kept as one JSON value under the setting key `approvals`.
// A stored value that no longer fits (an older shape, a hand edit) falls back field by field
// to the defaults rather than failing every paused call.
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '~/db/database'
import { setting } from '~/db/schema'
import { actorOf, auditInsert } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { type ApprovalSettings, ApprovalSettingsSchema, DEFAULT_APPROVAL_SETTINGS } from './approval-settings.schema'

export type { ApprovalSettings } from './approval-settings.schema'
export { DEFAULT_APPROVAL_SETTINGS } from './approval-settings.schema'

const KEY = 'approvals'

const fields = ApprovalSettingsSchema.shape
const d = DEFAULT_APPROVAL_SETTINGS
const StoredSchema = z
  .object({
    expiryMinutes: fields.expiryMinutes.catch(d.expiryMinutes),
    inlineWaitSeconds: fields.inlineWaitSeconds.catch(d.inlineWaitSeconds),
    requireDifferentApprover: fields.requireDifferentApprover.catch(d.requireDifferentApprover),
  })
  .catch(d)

const KEYS = ['expiryMinutes', 'inlineWaitSeconds', 'requireDifferentApprover'] as const

export async function readApprovalSettings(db: Database): Promise<ApprovalSettings> {
  const [row] = await db.select({ value: setting.value }).from(setting).where(eq(setting.key, KEY)).limit(1)
  return StoredSchema.parse(row?.value ?? {})
}

export async function writeApprovalSettings(db: Database, actor: Principal, patch: Partial<ApprovalSettings>, now = Date.now()): Promise<ApprovalSettings> {
  const before = await readApprovalSettings(db)
  const after: ApprovalSettings = { ...before, ...patch }
  const details: Record<string, number | boolean> = {}
  for (const key of KEYS) {
    if (after[key] === before[key]) continue
    details[`${key}From`] = before[key]
    details[key] = after[key]
  }
  if (Object.keys(details).length === 0) return before
  const at = new Date(now)
  await db.batch([
    db.insert(setting).values({ key: KEY, value: after, updatedAt: at }).onConflictDoUpdate({ target: setting.key, set: { value: after, updatedAt: at } }),
    auditInsert(db, actorOf(actor), { action: 'approval.settings_changed', target: { type: 'settings', id: KEY, label: 'Approvals' }, details }, now),
  ])
  return after
}
