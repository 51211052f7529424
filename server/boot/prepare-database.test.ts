import { expect, test } from 'vitest'
import { dataMigration, organization } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { createLogger } from '../observability/logger'
import { prepareDatabase } from './prepare-database'

function collectingLogger() {
  const lines: Record<string, unknown>[] = []
  return { lines, log: createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }) }
}

const acme = { id: 'org_default', name: 'Acme', slug: 'acme' }

test('seeds the organization once and records the step in the ledger', async () => {
  const { db } = await tempDatabase()
  const { log, lines } = collectingLogger()
  await prepareDatabase(db, acme, 1_000, log)
  await prepareDatabase(db, acme, 2_000, log)
  expect(await db.select().from(organization)).toEqual([
    expect.objectContaining({ id: 'org_default', name: 'Acme', slug: 'acme', createdAt: new Date(1_000) }),
  ])
  expect(await db.select().from(dataMigration)).toEqual([{ name: '0001_seed_organization', appliedAt: new Date(1_000) }])
  expect(lines.filter((l) => l.msg === 'data migration applied')).toHaveLength(1)
})

test('concurrent preparations still leave exactly one organization', async () => {
  const { db } = await tempDatabase()
  const { log } = collectingLogger()
  await Promise.all(Array.from({ length: 5 }, (_, i) => prepareDatabase(db, { ...acme, id: `org_${i}` }, 1_000, log)))
  expect(await db.select().from(organization)).toHaveLength(1)
})

test('a changed name or slug in configuration updates the stored organization', async () => {
  const { db } = await tempDatabase()
  const { log, lines } = collectingLogger()
  await prepareDatabase(db, acme, 1_000, log)
  await prepareDatabase(db, { ...acme, id: 'ignored', name: 'Acme Inc', slug: 'acme-inc' }, 5_000, log)
  expect(await db.select().from(organization)).toEqual([
    expect.objectContaining({ id: 'org_default', name: 'Acme Inc', slug: 'acme-inc', updatedAt: new Date(5_000) }),
  ])
  expect(lines.filter((l) => l.msg === 'organization updated from configuration')).toHaveLength(1)
})
