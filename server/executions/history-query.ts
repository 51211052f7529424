// SQL for the history filters (see history-filter.ts). Text filters use LIKE with `%`, `_` and
// `\` escaped, so what someone types is matched literally; SQLite's LIKE already ignores ASCII
// case. Tool-call filters are EXISTS subqueries, so a run with many matching calls is listed once.
import { and, eq, gte, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { execution, toolCall } from '~/db/schema'
import { MAX_LIMITS } from '../sandbox/limits'
import { fromInstant, toInstant, type HistoryFilter } from './history-filter.schema'
import { STALE_MARGIN_MS } from './interrupted'

/** `value` as a LIKE pattern that matches it literally (use with `ESCAPE '\'`). */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

const like = (column: SQLWrapper, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`

const callsWhere = (condition: SQL | undefined) =>
  sql`EXISTS (SELECT 1 FROM ${toolCall} WHERE ${toolCall.executionId} = ${execution.id} AND ${condition})`

// A `running` row past its own time limit (plus the margin, counted from when it last started or
// went on after a decision) reads as `interrupted` (interrupted.ts), and a `paused` one past its
// approval's expiry as `expired`, so the status filter asks the same questions in SQL.
const staleAt = (now: number) =>
  sql`(coalesce(${execution.resumedAt}, ${execution.startedAt}) + coalesce(json_extract(${execution.limits}, '$.timeoutMs'), ${MAX_LIMITS.timeoutMs}) + ${STALE_MARGIN_MS}) < ${now}`

function statusIs(status: HistoryFilter['status'], now: number): SQL | undefined {
  if (status === undefined) return undefined
  if (status === 'running') return and(eq(execution.status, 'running'), sql`NOT ${staleAt(now)}`)
  if (status === 'interrupted') return or(eq(execution.status, 'interrupted'), and(eq(execution.status, 'running'), staleAt(now)))
  if (status === 'paused') return and(eq(execution.status, 'paused'), sql`${execution.expiresAt} > ${now}`)
  if (status === 'expired') return or(eq(execution.status, 'expired'), and(eq(execution.status, 'paused'), sql`${execution.expiresAt} <= ${now}`))
  return eq(execution.status, status)
}

/** The WHERE conditions for `filter` (undefined entries are ignored by `and`). */
export function historyConditions(filter: HistoryFilter, now: number): (SQL | undefined)[] {
  const { status, source, actor, integration, tool, from, to, q } = filter
  const contains = q === undefined ? undefined : `%${likeLiteral(q)}%`
  return [
    statusIs(status, now),
    source === undefined ? undefined : eq(execution.source, source),
    actor === undefined ? undefined : eq(execution.actorId, actor),
    integration === undefined ? undefined : callsWhere(eq(toolCall.integration, integration)),
    tool === undefined ? undefined : callsWhere(like(toolCall.path, `${likeLiteral(tool)}%`)),
    from === undefined ? undefined : gte(execution.startedAt, fromInstant(from)),
    to === undefined ? undefined : lt(execution.startedAt, toInstant(to)),
    contains === undefined ? undefined : or(like(execution.code, contains), callsWhere(like(toolCall.path, contains))),
  ]
}
