import { expect, test } from 'vitest'
import { tempDatabase } from '~/test/temp-db'
import { checkHealth } from './check-health'

test('is ok while the database answers', async () => {
  const { db } = await tempDatabase()
  expect(await checkHealth(db)).toEqual({ status: 'ok' })
})

test('is degraded once the database cannot answer SELECT 1', async () => {
  const { db, close } = await tempDatabase()
  close()
  expect(await checkHealth(db)).toEqual({ status: 'degraded' })
})
