// Writing a finished execution: its row and every tool call it made, as one batch (one
// transaction on libSQL and on D1), so history never shows a run without its calls.
//
// A run may make 10,000 tool calls; they travel as JSON rows (~/db/json-rows), so 10,000 small
// calls take one or two statements, not hundreds.
import { sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { chunkJsonRows, JSON_ROWS_CHUNK_BYTES } from '~/db/json-rows'
import { execution, toolCall } from '~/db/schema'
import type { ToolCallRecord } from '../sandbox/outcome'

/** UTF-8 bytes of tool-call JSON bound in one statement. */
export const TOOL_CALL_CHUNK_BYTES = JSON_ROWS_CHUNK_BYTES

export type ExecutionRow = typeof execution.$inferInsert

/** The columns a finished run sets; the rest were fixed when it started. */
type Finished = Pick<ExecutionRow, 'status' | 'result' | 'error' | 'logs' | 'toolCallCount' | 'finishedAt' | 'durationMs'>

/**
 * Writes the finished row (inserting it, or completing the `running` row written earlier) and
 * its tool calls in one batch.
 */
export async function writeFinished(db: Database, row: ExecutionRow & Finished, toolCalls: ToolCallRecord[]): Promise<void> {
  const { status, result, error, logs, toolCallCount, finishedAt, durationMs } = row
  const upsert = db
    .insert(execution)
    .values(row)
    .onConflictDoUpdate({ target: execution.id, set: { status, result, error, logs, toolCallCount, finishedAt, durationMs } })
  await db.batch([upsert, ...toolCallChunks(toolCalls).map((rows) => insertToolCalls(db, row.id, rows))])
}

/** The calls as JSON arrays of rows, each at most TOOL_CALL_CHUNK_BYTES of UTF-8. */
export function toolCallChunks(calls: ToolCallRecord[]): string[] {
  return chunkJsonRows(
    calls.map((call, seq) => [
      seq,
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
    ]),
  )
}

// An insert builder, not db.run(sql): drizzle's D1 batch only binds parameters of built queries.
// The selected values follow the table's column order, as INSERT … SELECT requires.
function insertToolCalls(db: Database, executionId: string, rowsJson: string) {
  return db.insert(toolCall).select(
    sql`select ${executionId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
      json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'),
      json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]')
    from json_each(${rowsJson})`,
  )
}
