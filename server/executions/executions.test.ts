import { expect, test } from 'vitest'
import { execution } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import type { Principal } from '../auth/principal'
import { listExecutions } from './executions'

const owner: Principal = { userId: 'u1', name: 'Owner', email: 'o@example.com', role: 'owner', via: 'session' }

test('paging walks every run once, even runs that started in the same millisecond', async () => {
  const { db } = await tempDatabase()
  const sameMoment = new Date(1_700_000_000_000)
  for (const id of ['exe_a', 'exe_b', 'exe_c', 'exe_d', 'exe_e']) {
    await db.insert(execution).values({
      id,
      actorId: 'u1',
      actorName: 'Owner',
      actorEmail: 'o@example.com',
      source: 'api',
      code: 'return 1',
      status: 'completed',
      logs: [],
      limits: {},
      startedAt: sameMoment,
    })
  }
  const seen: string[] = []
  let before: string | undefined
  for (let page = 0; page < 5; page++) {
    const result = await listExecutions(db, owner, { limit: 2, before })
    seen.push(...result.executions.map((e) => e.id))
    if (!result.nextBefore) break
    before = result.nextBefore
  }
  expect(seen).toEqual(['exe_e', 'exe_d', 'exe_c', 'exe_b', 'exe_a'])
})
