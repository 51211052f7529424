import { expect, test } from 'vitest'
import { type HistoryRows, withNewest, withOlder, withRun } from './history-rows'
import type { ExecutionSummary } from './outcome'

const run = (n: number, status: ExecutionSummary['status'] = 'completed'): ExecutionSummary => ({
  id: `exe_${n}`,
  status,
  source: 'api',
  actor: { id: 'u', name: 'U', email: 'u@example.com' },
  startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  durationMs: status === 'running' ? null : 5,
  toolCallCount: 0,
  errorMessage: null,
})
const ids = (shown: HistoryRows) => shown.rows.map((r) => Number(r.id.slice(4)))

test('new runs join the top, finished runs update in place, loaded older runs stay', () => {
  const shown: HistoryRows = { rows: [run(5, 'running'), run(4), run(3), run(2), run(1)], nextBefore: 'cursor-1' }
  const next = withNewest(shown, { executions: [run(7), run(6), run(5), run(4)], nextBefore: 'cursor-4' })
  expect(ids(next)).toEqual([7, 6, 5, 4, 3, 2, 1])
  expect(next.rows[2]?.status).toBe('completed')
  expect(next.nextBefore).toBe('cursor-1')
})

test('a page that does not reach the rows shown replaces them rather than leave a gap', () => {
  const shown: HistoryRows = { rows: [run(2), run(1)], nextBefore: null }
  expect(withNewest(shown, { executions: [run(9), run(8)], nextBefore: 'cursor-8' })).toEqual({ rows: [run(9), run(8)], nextBefore: 'cursor-8' })
})

test('a refresh that found nothing new keeps the same object', () => {
  const shown: HistoryRows = { rows: [run(2), run(1)], nextBefore: null }
  expect(withNewest(shown, { executions: [run(2), run(1)], nextBefore: null })).toBe(shown)
})

test('older pages go below, and a run started here goes on top once', () => {
  const shown: HistoryRows = { rows: [run(3), run(2)], nextBefore: 'cursor-2' }
  expect(ids(withOlder(shown, { executions: [run(2), run(1)], nextBefore: null }))).toEqual([3, 2, 1])
  expect(ids(withRun(shown, run(4)))).toEqual([4, 3, 2])
  expect(ids(withRun(shown, run(3)))).toEqual([3, 2])
})
