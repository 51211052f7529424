// The container's periodic expiry sweep on a real libSQL file: a paused execution past its
// deadline ends `expired` and loses the results kept for its replay; one within it is untouched.
import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { execution, toolResult } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { createLogger } from '../observability/logger'
import { startExpirySweep } from './expiry-sweep'

test('the sweep ends overdue paused executions on its own, leaving those still waiting', async () => {
  const { db } = await tempDatabase()
  const now = Date.now()
  const paused = (id: string, expiresAt: number) => ({
    id,
    actorId: 'u1',
    actorName: 'Owner',
    actorEmail: 'o@example.com',
    source: 'mcp' as const,
    code: 'return 1',
    status: 'paused' as const,
    logs: [],
    limits: {},
    startedAt: new Date(now - 60_000),
    expiresAt: new Date(expiresAt),
    pending: { seq: 1, path: 'petstore.pet.addPet' },
  })
  await db.insert(execution).values([paused('exe_overdue', now - 1), paused('exe_waiting', now + 600_000)])
  await db.insert(toolResult).values([
    { executionId: 'exe_overdue', seq: 0, part: 0, text: '{"ok":true}' },
    { executionId: 'exe_waiting', seq: 0, part: 0, text: '{"ok":true}' },
  ])
  const lines: string[] = []
  const log = createLogger({ write: (line) => lines.push(line) })
  const stop = startExpirySweep(db, log, () => Date.now(), 20)
  try {
    await expect
      .poll(async () => (await db.select({ status: execution.status }).from(execution).where(eq(execution.id, 'exe_overdue')))[0]?.status, { timeout: 5_000 })
      .toBe('expired')
  } finally {
    stop()
  }
  expect(await db.select({ id: toolResult.executionId }).from(toolResult)).toEqual([{ id: 'exe_waiting' }])
  expect((await db.select({ status: execution.status }).from(execution).where(eq(execution.id, 'exe_waiting')))[0]?.status).toBe('paused')
  expect(lines.join('\n')).toMatch(/paused executions expired/)
})
