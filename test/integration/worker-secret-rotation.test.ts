// Secret key rotation on the Worker under `wrangler dev`: the isolate re-encrypts values sealed
// under EXECUTOR_SECRET_KEY_PREVIOUS before its first request, and a value under neither key
// answers 503 with the variable to fix.
import { afterAll, expect, test } from 'vitest'
import { connectionSecretContext } from '~/server/secrets/contexts'
import { createSecretBox, sealedKeyId } from '~/server/secrets/secret-box'
import { tempDir } from '../harness/paths'
import { stopAll } from '../harness/process'
import { applyD1Migrations, d1Execute, d1Query, startWorker } from '../harness/worker-server'

afterAll(stopAll)

/** wrangler prints the Worker's console output on its own schedule: wait for a line before stopping it. */
async function waitForLog(server: { logs(): string }, text: string) {
  for (let waited = 0; !server.logs().includes(text) && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

// Plain characters only: wrangler's --var splits NAME:VALUE.
const keyA = 'worker-key-a-0123456789abcdef'
const keyB = 'worker-key-b-0123456789abcdef'
const keyC = 'worker-key-c-0123456789abcdef'

test('the Worker re-encrypts stored secrets under the new key before serving, and answers 503 for a key that opens none', async () => {
  const persistDir = tempDir('executor-worker-')
  await applyD1Migrations(persistDir)
  const [a, b] = await Promise.all([createSecretBox(keyA), createSecretBox(keyB)])
  const sealed = await a.seal('sk_live_token', connectionSecretContext('con_1'))
  const now = Date.now()
  await d1Execute(
    persistDir,
    `INSERT INTO integration (id, slug, kind, name, status, created_at, updated_at) VALUES ('int_1', 'crm', 'openapi', 'CRM', 'ready', ${now}, ${now});
     INSERT INTO connection (id, integration_id, name, scope, auth_type, auth_config, secret, secret_updated_at, created_at, updated_at)
     VALUES ('con_1', 'int_1', 'main', 'org', 'bearer', '{}', '${sealed}', ${now}, ${now}, ${now})`,
  )

  const rotated = await startWorker({ persistDir, migrate: false, vars: { EXECUTOR_SECRET_KEY: keyB, EXECUTOR_SECRET_KEY_PREVIOUS: keyA } })
  expect((await fetch(`${rotated.url}/api/health`)).status).toBe(200)
  await waitForLog(rotated, 'secrets re-encrypted under the current key')
  await rotated.stop()
  const line = rotated.logs().split('\n').find((l) => l.includes('secrets re-encrypted under the current key'))
  expect(line).toBeDefined()
  expect(JSON.parse(line!.slice(line!.indexOf('{')))).toMatchObject({ level: 'info', count: 1, keyId: b.keyId })
  const [row] = await d1Query(persistDir, 'SELECT secret, secret_updated_at FROM connection')
  const stored = String(row?.secret)
  expect(sealedKeyId(stored)).toBe(b.keyId)
  expect(await b.open(stored, connectionSecretContext('con_1'))).toBe('sk_live_token')
  expect(row?.secret_updated_at).toBe(now)

  const wrong = await startWorker({ persistDir, migrate: false, vars: { EXECUTOR_SECRET_KEY: keyC }, waitFor: 'listening' })
  const health = await fetch(`${wrong.url}/api/health`)
  expect(health.status).toBe(503)
  expect(await health.json()).toEqual({ status: 'degraded' })
  const page = await fetch(`${wrong.url}/api/me`)
  expect(page.status).toBe(500)
  const body = (await page.json()) as { code: string; message: string }
  expect(body.code).toBe('NOT_CONFIGURED')
  expect(body.message).toMatch(/^Executor is not configured: EXECUTOR_SECRET_KEY_PREVIOUS is unset, but stored secrets were sealed with key /)
  expect(body.message).toContain(b.keyId)
  await waitForLog(wrong, 'EXECUTOR_SECRET_KEY_PREVIOUS is unset')
  await wrong.stop()
  for (const secret of [keyA, keyB, keyC, 'sk_live_token', stored]) {
    expect(JSON.stringify(body)).not.toContain(secret)
    expect(wrong.logs()).not.toContain(secret)
  }
  expect(wrong.logs()).toContain('EXECUTOR_SECRET_KEY_PREVIOUS is unset')
  expect((await d1Query(persistDir, 'SELECT secret FROM connection'))[0]?.secret).toBe(stored)
})
