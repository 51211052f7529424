// The audit log: who changed what, when. Append-only by construction: this module is the only
// writer of `audit_entry` and it offers no update or delete. Details are the change's
// non-secret facts (a role from and to, a connection's address and auth type), never a key,
// token or password.
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { AuditAction, AuditTargetType } from '~/db/enums'
import { auditEntry } from '~/db/schema'
import type { Principal } from '../auth/principal'
import { randomToken } from '../crypto/tokens'

export type AuditActor = { id: string; name: string; email: string }

/** Boot's own changes (re-encrypting secrets under a new key) have no person behind them. */
export const SYSTEM_ACTOR: AuditActor = { id: 'system', name: 'Executor', email: '' }

export type AuditDetails = Record<string, string | number | boolean | null | string[]>

export type AuditInput = {
  action: AuditAction
  target: { type: AuditTargetType; id: string; label?: string }
  details?: AuditDetails
}

export type AuditEntryView = {
  id: string
  at: string
  actor: AuditActor
  action: AuditAction
  target: { type: AuditTargetType; id: string; label: string }
  details: AuditDetails
}

export type AuditPage = { entries: AuditEntryView[]; nextCursor: string | null }

export type AuditFilter = {
  action?: AuditAction
  actorId?: string
  targetType?: AuditTargetType
  /** a `nextCursor` from the previous page */
  before?: string
  limit: number
}

/** A page boundary: time plus id, so entries written in the same millisecond are not skipped. */
export const AUDIT_CURSOR = /^(\d{1,15}):([\w-]{1,100})$/

export const actorOf = (principal: Principal): AuditActor => ({ id: principal.userId, name: principal.name, email: principal.email })

export async function recordAudit(db: Database, actor: AuditActor, entry: AuditInput, now = Date.now()): Promise<void> {
  await auditInsert(db, actor, entry, now)
}

/** recordAudit's INSERT, not yet run: for a `db.batch` that must record the change it makes in one go. */
export function auditInsert(db: Database, actor: AuditActor, entry: AuditInput, now = Date.now()) {
  return db.insert(auditEntry).values({
    id: auditId(now),
    at: new Date(now),
    actorId: actor.id,
    actorName: actor.name,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    targetLabel: entry.target.label ?? '',
    details: entry.details ?? {},
  })
}

// Entries are listed by time, then id. Several changes often land in one millisecond (a batch,
// a quick succession of edits), so an id made of the time and a per-process sequence keeps them
// in the order they were written instead of a random one; the random tail keeps ids unique
// across processes and isolates.
let lastAuditMs = -1
let auditSeq = 0
function auditId(now: number): string {
  if (now === lastAuditMs) auditSeq++
  else {
    lastAuditMs = now
    auditSeq = 0
  }
  return `aud_${now.toString(36).padStart(9, '0')}${auditSeq.toString(36).padStart(4, '0')}${randomToken(9)}`
}

/** Newest first; `nextCursor` is null on the last page. */
export async function listAudit(db: Database, filter: AuditFilter): Promise<AuditPage> {
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditEntry.action, filter.action) : undefined,
    filter.actorId ? eq(auditEntry.actorId, filter.actorId) : undefined,
    filter.targetType ? eq(auditEntry.targetType, filter.targetType) : undefined,
    olderThan(filter.before),
  ]
  const rows = await db
    .select()
    .from(auditEntry)
    .where(and(...conditions))
    .orderBy(desc(auditEntry.at), desc(auditEntry.id))
    .limit(filter.limit + 1)
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
      action: row.action,
      target: { type: row.targetType, id: row.targetId, label: row.targetLabel },
      // Written only by recordAudit, always in this shape.
      details: row.details as AuditDetails,
    })),
    nextCursor: rows.length > filter.limit && last ? `${last.at.getTime()}:${last.id}` : null,
  }
}

function olderThan(cursor: string | undefined) {
  const match = cursor?.match(AUDIT_CURSOR)
  if (!match) return undefined
  const at = new Date(Number(match[1]))
  const id = match[2] ?? ''
  return or(lt(auditEntry.at, at), and(eq(auditEntry.at, at), lt(auditEntry.id, id)))
}

/** A URL as it may be recorded: without user info, query or fragment, where tokens tend to hide. */
export function urlWithoutSecrets(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return null
  }
}
