// Sandbox limits that hold inside workerd, whose clock stands still while JavaScript computes:
// a busy loop still ends at its deadline and the isolate answers the next program; and the network
// guard on the Worker's fetch refuses cloud metadata addresses even with ALLOW_LOCAL_NETWORK=true
// (the loopback refusal without it is in integrations-worker.test.ts). Nothing is sent to the
// refused addresses: the guard decides before any connection.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

let worker: WorkerServer

beforeAll(async () => {
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } })
})
afterAll(stopAll)

const run = (body: Record<string, unknown>) => call(worker.url, '/api/executions', { body })

test('on the Worker, a busy loop ends at its deadline although the clock does not move during CPU work, and the next program runs', async () => {
  const started = Date.now()
  const spun = await run({ code: 'let n = 0; while (true) { n++ }', limits: { timeoutMs: 1_000 } })
  const took = Date.now() - started
  expect(spun.status, JSON.stringify(spun.body)).toBe(201)
  expect(spun.body).toMatchObject({ status: 'failed', error: { kind: 'timeout' } })
  // Generous for a loaded machine, yet far below what an unbounded loop would take (forever).
  expect(took).toBeLessThan(15_000)
  const after = await run({ code: 'return 6 * 7' })
  expect(after.body).toMatchObject({ status: 'completed', result: 42 })
})

test('on the Worker with ALLOW_LOCAL_NETWORK=true, calls to cloud metadata addresses are still refused by the guard', async () => {
  const document = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  for (const [slug, baseUrl] of [
    ['awsmeta', 'http://169.254.169.254/latest'],
    ['alimeta', 'http://100.100.100.200/api'],
    ['ec2v6meta', 'http://[fd00:ec2::254]/latest'],
  ] as const) {
    const added = await call(worker.url, '/api/integrations', { body: { kind: 'openapi', slug, document, baseUrl } })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    const connection = await call(worker.url, `/api/integrations/${slug}/connections`, {
      body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: 'pk_never_sent_0001' } },
    })
    expect(connection.status, JSON.stringify(connection.body)).toBe(201)
    const result = await run({ code: `try { await tools.${slug}.pet.getPetById({ petId: 1 }); return 'reached' } catch (e) { return e.message }` })
    expect(result.body.status).toBe('completed')
    expect(String(result.body.result), slug).toMatch(/network guard refused/i)
    expect(String(result.body.result)).not.toContain('pk_never_sent_0001')
  }
})
