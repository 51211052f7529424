// Reading back what a paused execution stored for its replay: the settled calls as history shows
// them, and each one's result from its `tool_result` parts.
import { asc, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { toolCall, toolResult } from '~/db/schema'
import type { PolicyDecision } from '../policies/decide-policy'
import type { StoredCall } from './history-write'
import type { ApprovalRecord, RecordedCall } from './replay-records'

export type StoredReplay = {
  /** what the replay hands back, by seq */
  records: RecordedCall[]
  /** the same calls as history stored them (timings, where they went, decisions), kept as they were */
  calls: Map<number, StoredCall>
}

export async function loadReplay(db: Database, executionId: string): Promise<StoredReplay> {
  const [rows, parts] = await db.batch([
    db.select().from(toolCall).where(eq(toolCall.executionId, executionId)).orderBy(asc(toolCall.seq)),
    db.select().from(toolResult).where(eq(toolResult.executionId, executionId)).orderBy(asc(toolResult.seq), asc(toolResult.part)),
  ])
  const texts = new Map<number, string[]>()
  for (const part of parts) {
    const list = texts.get(part.seq) ?? []
    list.push(part.text)
    texts.set(part.seq, list)
  }
  const records: RecordedCall[] = []
  const calls = new Map<number, StoredCall>()
  for (const row of rows) {
    if (row.settleIndex === null || row.settledAt === null) continue
    const result = texts.get(row.seq)?.join('')
    records.push({
      seq: row.seq,
      path: row.path,
      argsHash: row.argsHash ?? '',
      ok: row.ok,
      ...(result !== undefined ? { result } : {}),
      ...(row.error !== null ? { error: row.error } : {}),
      ...(row.errorName !== null ? { errorName: row.errorName } : {}),
      settleIndex: row.settleIndex,
      settledAt: row.settledAt,
    })
    calls.set(row.seq, {
      seq: row.seq,
      path: row.path,
      args: row.args,
      startedAtMs: row.startedAtMs,
      durationMs: row.durationMs,
      ok: row.ok,
      ...(row.error !== null ? { error: row.error } : {}),
      ...(row.errorName !== null ? { errorName: row.errorName } : {}),
      ...(row.integration !== null ? { integration: row.integration } : {}),
      ...(row.connection !== null ? { connection: row.connection } : {}),
      ...(row.method !== null ? { method: row.method } : {}),
      ...(row.httpStatus !== null ? { httpStatus: row.httpStatus } : {}),
      argsHash: row.argsHash ?? undefined,
      settleIndex: row.settleIndex,
      settledAt: row.settledAt,
      // Written by writeFinished from these types.
      policy: (row.policy as PolicyDecision | null) ?? undefined,
      approval: (row.approval as ApprovalRecord | null) ?? undefined,
    })
  }
  return { records, calls }
}
