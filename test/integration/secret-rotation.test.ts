// Secret key rotation at boot on the container: values sealed under EXECUTOR_SECRET_KEY_PREVIOUS
// move under EXECUTOR_SECRET_KEY, and a value under neither key stops boot.
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { afterAll, expect, test } from 'vitest'
import { connectionSecretContext } from '~/server/secrets/contexts'
import { createSecretBox, sealedKeyId } from '~/server/secrets/secret-box'
import { spawnBunServer, startBunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

afterAll(stopAll)

const keyA = 'a'.repeat(32) + '-the first key of this data dir'
const keyB = 'b'.repeat(32) + '-the key rotated to'
const keyC = 'c'.repeat(32) + '-a key that never sealed anything'

async function withClient<T>(dbPath: string, use: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const client = createClient({ url: `file:${dbPath}` })
  try {
    return await use(client)
  } finally {
    client.close()
  }
}

const logLines = (logs: string) =>
  logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string } & Record<string, unknown>)

test('boot re-encrypts stored secrets under the new key, and refuses a key that opens none of them', async () => {
  const first = await startBunServer({ env: { EXECUTOR_SECRET_KEY: keyA } })
  expect(await first.stop()).toBe(0)
  expect(logLines(first.logs()).map((l) => l.msg)).not.toContain('secrets re-encrypted under the current key')

  // A connection whose secret was sealed under key A, as the connection API stores it.
  const [a, b] = await Promise.all([createSecretBox(keyA), createSecretBox(keyB)])
  const dbPath = join(first.dataDir, 'data.db')
  const sealed = await a.seal('sk_live_token', connectionSecretContext('con_1'))
  const now = Date.now()
  await withClient(dbPath, async (client) => {
    await client.execute({
      sql: `INSERT INTO integration (id, slug, kind, name, status, created_at, updated_at) VALUES ('int_1', 'crm', 'openapi', 'CRM', 'ready', ?, ?)`,
      args: [now, now],
    })
    await client.execute({
      sql: `INSERT INTO connection (id, integration_id, name, scope, auth_type, auth_config, secret, secret_updated_at, created_at, updated_at)
            VALUES ('con_1', 'int_1', 'main', 'org', 'bearer', '{}', ?, ?, ?, ?)`,
      args: [sealed, now, now, now],
    })
  })

  const rotated = await startBunServer({ dataDir: first.dataDir, env: { EXECUTOR_SECRET_KEY: keyB, EXECUTOR_SECRET_KEY_PREVIOUS: keyA } })
  expect(await rotated.stop()).toBe(0)
  const lines = logLines(rotated.logs()).filter((l) => l.msg === 'secrets re-encrypted under the current key')
  expect(lines).toEqual([expect.objectContaining({ level: 'info', count: 1, keyId: b.keyId })])
  expect(rotated.logs()).not.toContain(keyA)
  expect(rotated.logs()).not.toContain(keyB)
  const [row] = await withClient(dbPath, async (client) => (await client.execute(`SELECT secret, secret_updated_at FROM connection`)).rows)
  const stored = String(row?.secret)
  expect(sealedKeyId(stored)).toBe(b.keyId)
  expect(await b.open(stored, connectionSecretContext('con_1'))).toBe('sk_live_token')
  expect(row?.secret_updated_at).toBe(now) // rotation is not a credential change

  // Nothing left under the previous key: the next boot writes nothing and logs no rotation.
  const again = await startBunServer({ dataDir: first.dataDir, env: { EXECUTOR_SECRET_KEY: keyB, EXECUTOR_SECRET_KEY_PREVIOUS: keyA } })
  expect(await again.stop()).toBe(0)
  expect(logLines(again.logs()).map((l) => l.msg)).not.toContain('secrets re-encrypted under the current key')

  const { proc } = await spawnBunServer({ dataDir: first.dataDir, env: { EXECUTOR_SECRET_KEY: keyC } })
  expect(await proc.exited).toBe(1)
  // Boot's own JSON log lines may come first; the failure is one plain line naming the fix.
  const failure = proc.output().trim().split('\n').filter((line) => !line.startsWith('{'))
  expect(failure).toEqual([expect.stringMatching(/^executor: EXECUTOR_SECRET_KEY_PREVIOUS is unset, but stored secrets were sealed with key /)])
  expect(failure[0]).toContain(b.keyId)
  for (const secret of [keyA, keyB, keyC, 'sk_live_token', stored]) expect(proc.output()).not.toContain(secret)
  expect(logLines(proc.output()).map((l) => l.msg)).not.toContain('executor ready')
  await withClient(dbPath, async (client) => {
    expect((await client.execute(`SELECT secret FROM connection`)).rows[0]?.secret).toBe(stored)
  })
})
