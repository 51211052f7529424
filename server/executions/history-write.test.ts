// A run's tool calls are written in chunks small enough for D1 and libSQL alike, in one batch.
import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import type { Principal } from '../auth/principal'
import type { StoredCall } from './history-write'
import { getExecution } from './executions'
import { TOOL_CALL_CHUNK_BYTES, toolCallChunks, writeFinished } from './history-write'

const owner: Principal = { userId: 'u1', name: 'Owner', email: 'o@example.com', role: 'owner', via: 'session' }

const calls: StoredCall[] = Array.from({ length: 10_000 }, (_, i) => ({
  seq: i,
  path: 'executor.echo',
  // About 300 bytes each, so 10,000 need several chunks.
  args: i === 0 ? undefined : i === 1 ? 'a plain string' : { i, text: `héllo ✓ ${'z'.repeat(260)}` },
  startedAtMs: i,
  durationMs: 0.4,
  ok: i % 1_000 !== 999,
  ...(i % 1_000 === 999 ? { error: `call ${i} failed` } : {}),
}))

test('10,000 tool calls are written in a few statements, each binding at most TOOL_CALL_CHUNK_BYTES, and read back in order', async () => {
  const chunks = toolCallChunks(calls)
  expect(chunks.length).toBeGreaterThan(1)
  expect(chunks.length).toBeLessThan(10)
  for (const chunk of chunks) expect(new TextEncoder().encode(chunk).length).toBeLessThanOrEqual(TOOL_CALL_CHUNK_BYTES)
  const { db } = await tempDatabase()
  await writeFinished(
    db,
    {
      id: 'exe_1',
      actorId: 'u1',
      actorName: 'Owner',
      actorEmail: 'o@example.com',
      source: 'api',
      code: 'return 1',
      status: 'completed',
      result: { value: 1, truncated: false },
      error: null,
      logs: { entries: [], truncated: false },
      limits: { timeoutMs: 30_000 },
      toolCallCount: calls.length,
      startedAt: new Date(),
      finishedAt: new Date(),
      durationMs: 10,
    },
    calls,
  )
  const stored = await getExecution(db, owner, 'exe_1')
  expect(stored.toolCalls).toHaveLength(10_000)
  expect(stored.toolCalls[0]).toEqual({ path: 'executor.echo', args: null, startedAtMs: 0, durationMs: 0, ok: true })
  expect(stored.toolCalls[1]?.args).toBe('a plain string')
  expect(stored.toolCalls[2]?.args).toEqual(calls[2]?.args)
  expect(stored.toolCalls[999]).toMatchObject({ ok: false, error: 'call 999 failed', startedAtMs: 999 })
  expect(stored.toolCalls.map((c) => c.startedAtMs)).toEqual(calls.map((c) => c.startedAtMs))
})
