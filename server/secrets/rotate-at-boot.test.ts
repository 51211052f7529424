import { expect, test } from 'vitest'
import { connection, integration } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { listAudit, SYSTEM_ACTOR } from '../audit/audit-log'
import { ConfigError } from '../config/config-error'
import { createLogger } from '../observability/logger'
import { connectionSecretContext } from './contexts'
import { rotateSecretsAtBoot } from './rotate-at-boot'
import { createSecretBox, sealedKeyId } from './secret-box'

const keyA = 'key A: the one the data dir started with, long enough'
const keyB = 'key B: the one the operator rotated to, long enough'
const keyC = 'key C: a key nobody configured any more, long enough'

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = []
  return { lines, log: createLogger({ write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) }
}

async function databaseWith(secretUnder: string) {
  const { db } = await tempDatabase()
  const now = new Date()
  await db.insert(integration).values({ id: 'int_1', slug: 'crm', kind: 'openapi', name: 'CRM', status: 'ready', createdAt: now, updatedAt: now })
  const sealed = await (await createSecretBox(secretUnder)).seal('token', connectionSecretContext('con_1'))
  await db.insert(connection).values({
    id: 'con_1',
    integrationId: 'int_1',
    name: 'main',
    scope: 'org',
    authType: 'bearer',
    authConfig: {},
    secret: sealed,
    createdAt: now,
    updatedAt: now,
  })
  return db
}

async function configIssues(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ConfigError)
  return (error as ConfigError).issues
}

test('logs one line with the count and the current key id when values moved, none when nothing did', async () => {
  const db = await databaseWith(keyA)
  const { lines, log } = capturingLogger()
  expect(await rotateSecretsAtBoot(db, { current: keyB, previous: keyA }, log)).toBe(1)
  const keyId = (await createSecretBox(keyB)).keyId
  expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'secrets re-encrypted under the current key', count: 1, keyId })])
  const [row] = await db.select({ secret: connection.secret }).from(connection)
  expect(sealedKeyId(row!.secret!)).toBe(keyId)

  expect(await rotateSecretsAtBoot(db, { current: keyB, previous: keyA }, log)).toBe(0)
  expect(await rotateSecretsAtBoot(db, { current: keyB }, log)).toBe(0)
  expect(lines).toHaveLength(1)
})

test('a value under neither key is a ConfigError naming EXECUTOR_SECRET_KEY_PREVIOUS and the fix, never a key', async () => {
  const db = await databaseWith(keyA)
  const [a, c] = await Promise.all([createSecretBox(keyA), createSecretBox(keyC)])
  const { lines, log } = capturingLogger()

  const unset = await configIssues(rotateSecretsAtBoot(db, { current: keyC }, log))
  expect(unset).toEqual([
    {
      variable: 'EXECUTOR_SECRET_KEY_PREVIOUS',
      message:
        `EXECUTOR_SECRET_KEY_PREVIOUS is unset, but stored secrets were sealed with key ${a.keyId}, not the current key ${c.keyId}; ` +
        'set EXECUTOR_SECRET_KEY_PREVIOUS to the key they were sealed with (or put that key back in EXECUTOR_SECRET_KEY), ' +
        'so boot can re-encrypt them under the current key',
    },
  ])
  const wrong = await configIssues(rotateSecretsAtBoot(db, { current: keyC, previous: keyB }, log))
  expect(wrong[0]?.variable).toBe('EXECUTOR_SECRET_KEY_PREVIOUS')
  expect(wrong[0]?.message).toContain(`cannot open stored secrets sealed with key ${a.keyId}`)
  for (const issue of [...unset, ...wrong]) for (const key of [keyA, keyB, keyC, 'token']) expect(issue.message).not.toContain(key)
  expect(lines).toEqual([])
})

test('a previous key equal to the current one (e.g. the key file) is refused by key id', async () => {
  const db = await databaseWith(keyA)
  const issues = await configIssues(rotateSecretsAtBoot(db, { current: keyA, previous: keyA }, capturingLogger().log))
  expect(issues[0]?.message).toMatch(/^EXECUTOR_SECRET_KEY_PREVIOUS is the same key as the current key [0-9a-f]{8}; unset it$/)
})

test('a rotation that moved values is recorded in the audit log as the system; one that moved nothing is not', async () => {
  const db = await databaseWith(keyA)
  const { log } = capturingLogger()
  await rotateSecretsAtBoot(db, { current: keyB, previous: keyA }, log)
  await rotateSecretsAtBoot(db, { current: keyB, previous: keyA }, log)
  const { entries } = await listAudit(db, { limit: 10 })
  const keyId = (await createSecretBox(keyB)).keyId
  const previousKeyId = (await createSecretBox(keyA)).keyId
  expect(entries).toEqual([
    expect.objectContaining({ action: 'secrets.rotated', actor: SYSTEM_ACTOR, details: { count: 1, keyId, previousKeyId } }),
  ])
})
