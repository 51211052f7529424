// Writing a finished execution: its row and every tool call it made, as one batch (one
// transaction on libSQL and on D1), so history never shows a run without its calls.
//
// A run may make 10,000 tool calls; they travel as JSON rows (~/db/json-rows), so 10,000 small
// calls take one or two statements, not hundreds.
import { eq, sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { chunkJsonRows, JSON_ROWS_CHUNK_BYTES } from '~/db/json-rows'
import { execution, toolCall, toolResult } from '~/db/schema'
import type { PolicyDecision } from '../policies/decide-policy'
import type { ToolCallRecord } from '../sandbox/outcome'
import type { ApprovalRecord, RecordedCall } from './replay-records'

/** UTF-8 bytes of tool-call JSON bound in one statement. */
export const TOOL_CALL_CHUNK_BYTES = JSON_ROWS_CHUNK_BYTES

export type ExecutionRow = typeof execution.$inferInsert

/** The columns a finished (or paused) run sets; the rest were fixed when it started. */
type Finished = Pick<
  ExecutionRow,
  'status' | 'result' | 'error' | 'logs' | 'toolCallCount' | 'finishedAt' | 'durationMs' | 'pending' | 'expiresAt'
>

/** A call as history keeps it: the sandbox's record plus what the executor decided about it. */
export type StoredCall = ToolCallRecord & {
  seq: number
  argsHash?: string | undefined
  policy?: PolicyDecision | undefined
  approval?: ApprovalRecord | undefined
}

/** Characters of a result's JSON text per `tool_result` row: under D1's 2 MB value limit in UTF-8. */
export const RESULT_PART_CHARS = 256 * 1024

/**
 * Writes the finished row (inserting it, or completing the `running` row written earlier) and
 * its tool calls in one batch. A run that went on after a pause replaces the calls stored then,
 * and drops the results kept for replay; a paused run keeps `results` for the next replay.
 */
export async function writeFinished(
  db: Database,
  row: ExecutionRow & Finished,
  toolCalls: StoredCall[],
  options: { replace?: boolean; results?: RecordedCall[] } = {},
): Promise<void> {
  const { status, result, error, logs, toolCallCount, finishedAt, durationMs, pending, expiresAt } = row
  const upsert = db
    .insert(execution)
    .values(row)
    .onConflictDoUpdate({
      target: execution.id,
      set: { status, result, error, logs, toolCallCount, finishedAt, durationMs, pending: pending ?? null, expiresAt: expiresAt ?? null },
    })
  const cleared = options.replace
    ? [db.delete(toolCall).where(eq(toolCall.executionId, row.id)), db.delete(toolResult).where(eq(toolResult.executionId, row.id))]
    : []
  const results = (options.results ?? []).flatMap((call) => resultParts(call.result).map((text, part) => ({ executionId: row.id, seq: call.seq, part, text })))
  await db.batch([
    upsert,
    ...cleared,
    ...toolCallChunks(toolCalls).map((rows) => insertToolCalls(db, row.id, rows)),
    ...results.map((part) => db.insert(toolResult).values(part)),
  ])
}

/** A result's JSON text in parts; a result of no value (undefined) has none. */
function resultParts(text: string | undefined): string[] {
  if (text === undefined) return []
  const parts: string[] = []
  let at = 0
  do {
    let end = Math.min(at + RESULT_PART_CHARS, text.length)
    // Never split a surrogate pair: each part must be valid UTF-16 on its own.
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    parts.push(text.slice(at, end))
    at = end
  } while (at < text.length)
  return parts
}

/** The calls as JSON arrays of rows, each at most TOOL_CALL_CHUNK_BYTES of UTF-8. */
export function toolCallChunks(calls: (ToolCallRecord & Partial<StoredCall>)[]): string[] {
  return chunkJsonRows(
    calls.map((call, index) => [
      call.seq ?? index,
      call.path,
      // The column holds JSON text: the arguments travel as that text, a string element.
      call.args === undefined ? null : JSON.stringify(call.args),
      Math.round(call.startedAtMs),
      Math.round(call.durationMs),
      call.ok ? 1 : 0,
      call.error ?? null,
      call.integration ?? null,
      call.connection ?? null,
      call.method ?? null,
      call.httpStatus ?? null,
      call.errorName ?? null,
      call.argsHash ?? null,
      call.settleIndex ?? null,
      call.settledAt ?? null,
      call.policy ? JSON.stringify(call.policy) : null,
      call.approval ? JSON.stringify(call.approval) : null,
    ]),
  )
}

// An insert builder, not db.run(sql): drizzle's D1 batch only binds parameters of built queries.
// The selected values follow the table's column order, as INSERT … SELECT requires.
function insertToolCalls(db: Database, executionId: string, rowsJson: string) {
  return db.insert(toolCall).select(
    sql`select ${executionId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
      json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'),
      json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'),
      json_extract(value, '$[11]'), json_extract(value, '$[12]'), json_extract(value, '$[13]'), json_extract(value, '$[14]'),
      json_extract(value, '$[15]'), json_extract(value, '$[16]')
    from json_each(${rowsJson})`,
  )
}
