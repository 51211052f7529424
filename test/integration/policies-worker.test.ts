// Policies on the Worker target under `wrangler dev` (local D1, dev auth: every request is the
// dev owner): add, insert, edit, reorder and remove in one D1 batch each, approval settings,
// and the test endpoint against a Petstore integration with an org connection.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

type Policy = { id: string; pattern: string; action: string; position: number }
let worker: WorkerServer
beforeAll(async () => {
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } })
})
afterAll(stopAll)

test('on the Worker, policies are added, inserted, edited, reordered and removed with dense positions', async () => {
  const add = (body: Record<string, unknown>) => call(worker.url, '/api/policies', { body })
  const a = await add({ pattern: 'github.*', action: 'allow' })
  expect(a.status, JSON.stringify(a.body)).toBe(201)
  const b = await add({ pattern: '*.delete*', action: 'block' })
  const c = await add({ pattern: 'stripe.*', action: 'require_approval', position: 0 })
  const order = async () => ((await call(worker.url, '/api/policies')).body.policies as Policy[]).map((p) => `${p.position}:${p.pattern}`)
  expect(await order()).toEqual(['0:stripe.*', '1:github.*', '2:*.delete*'])
  const edited = await call(worker.url, `/api/policies/${a.body.id}`, { method: 'PATCH', body: { pattern: 'github.*.create*', note: 'writes' } })
  expect(edited.body).toMatchObject({ pattern: 'github.*.create*', note: 'writes', position: 1 })
  const reordered = await call(worker.url, '/api/policies/reorder', { body: { ids: [b.body.id, a.body.id, c.body.id] } })
  expect(reordered.status, JSON.stringify(reordered.body)).toBe(200)
  expect(await order()).toEqual(['0:*.delete*', '1:github.*.create*', '2:stripe.*'])
  expect((await call(worker.url, `/api/policies/${b.body.id}`, { method: 'DELETE' })).status).toBe(204)
  expect(await order()).toEqual(['0:github.*.create*', '1:stripe.*'])
  const refused = await add({ pattern: 'github.**', action: 'block' })
  expect(refused.status).toBe(400)
  expect(refused.body.message).toContain('one * already matches across dots')

  const settings = await call(worker.url, '/api/policies/settings', { method: 'PUT', body: { inlineWaitSeconds: 0 } })
  expect(settings.body).toEqual({ expiryMinutes: 10, inlineWaitSeconds: 0, requireDifferentApprover: false })
  const audit = await call(worker.url, '/api/audit?target=policy')
  expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toEqual(['policy.removed', 'policy.reordered', 'policy.changed', 'policy.added', 'policy.added', 'policy.added'])
})

test('on the Worker, the test endpoint resolves a Petstore tool to its names and default, and a rule overrides it', async () => {
  const petstoreYaml = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  const added = await call(worker.url, '/api/integrations', { body: { kind: 'openapi', slug: 'pets', document: petstoreYaml, baseUrl: 'https://pets.example.com/v1' } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const connection = await call(worker.url, `/api/integrations/${added.body.id}/connections`, { body: { name: 'main', scope: 'org', auth: { type: 'none' } } })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
  const tested = await call(worker.url, '/api/policies/test?path=pets.pet.deletePet')
  expect(tested.body).toEqual({
    path: 'pets.pet.deletePet',
    names: ['pets.org.main.pet.deletePet', 'pets.pet.deletePet'],
    decision: { action: 'require_approval', source: 'default', reason: 'DELETE operations of OpenAPI integrations require approval by default' },
    tool: { kind: 'openapi', found: true },
  })
  await call(worker.url, '/api/policies', { body: { pattern: 'pets.*.delete*', action: 'block', position: 0 } })
  const blocked = await call(worker.url, '/api/policies/test?path=pets.pet.deletePet')
  expect(blocked.body.decision).toMatchObject({ action: 'block', source: 'rule', reason: 'Rule 1 "pets.*.delete*" blocks it' })
})
