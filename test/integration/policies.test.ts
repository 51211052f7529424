// Policies over the HTTP API of the built container: the ordered list (add, insert, edit,
// reorder, remove), members reading but not writing, clear 400s, approval settings, and the
// test endpoint against a real Petstore integration (its POST operation needs approval by
// default; a block rule names itself). Every change is in the audit log.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, expectProtected, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

type Policy = { id: string; pattern: string; action: string; note: string | null; position: number }
let server: BunServer
let owner: Session
let member: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Olga Owner'))
  member = await addPerson(server.url, owner, person('Max Member'), 'member')
})
afterAll(stopAll)

const asOwner = (path: string, options: { method?: string; body?: unknown } = {}) => call(server.url, path, { ...options, cookie: owner.cookie })
const list = async () => ((await asOwner('/api/policies')).body.policies as Policy[]).map((p) => `${p.position}:${p.pattern}:${p.action}`)

test('an admin adds, inserts, edits, reorders and removes policies; positions stay dense', async () => {
  const first = await asOwner('/api/policies', { body: { pattern: 'github.*', action: 'allow', note: 'trusted' } })
  expect(first.status, JSON.stringify(first.body)).toBe(201)
  expect(first.body).toMatchObject({ pattern: 'github.*', action: 'allow', note: 'trusted', position: 0 })
  const second = await asOwner('/api/policies', { body: { pattern: '*.delete*', action: 'block' } })
  const top = await asOwner('/api/policies', { body: { pattern: 'stripe.org.prod.*', action: 'require_approval', position: 0 } })
  expect(await list()).toEqual(['0:stripe.org.prod.*:require_approval', '1:github.*:allow', '2:*.delete*:block'])

  const read = await asOwner(`/api/policies/${first.body.id}`)
  expect(read.body).toEqual({ id: first.body.id, pattern: 'github.*', action: 'allow', note: 'trusted', position: 1 })
  const edited = await asOwner(`/api/policies/${first.body.id}`, { method: 'PATCH', body: { action: 'require_approval', note: '' } })
  expect(edited.status, JSON.stringify(edited.body)).toBe(200)
  expect(edited.body).toMatchObject({ pattern: 'github.*', action: 'require_approval', note: null })

  const reordered = await asOwner('/api/policies/reorder', { body: { ids: [second.body.id, first.body.id, top.body.id] } })
  expect(reordered.status, JSON.stringify(reordered.body)).toBe(200)
  expect((reordered.body.policies as Policy[]).map((p) => p.pattern)).toEqual(['*.delete*', 'github.*', 'stripe.org.prod.*'])
  const stale = await asOwner('/api/policies/reorder', { body: { ids: [second.body.id, first.body.id] } })
  expect(stale.status).toBe(409)
  expect(stale.body.message).toMatch(/every current policy once: 1 policy missing \(stripe\.org\.prod\.\*\)/)

  expect((await asOwner(`/api/policies/${second.body.id}`, { method: 'DELETE' })).status).toBe(204)
  expect(await list()).toEqual(['0:github.*:require_approval', '1:stripe.org.prod.*:require_approval'])
  const gone = await asOwner(`/api/policies/${second.body.id}`)
  expect(gone.status).toBe(404)
  expect(gone.body).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })

  const audit = await asOwner('/api/audit?target=policy&limit=50')
  const entries = audit.body.entries as { action: string; actor: { name: string }; target: { id: string }; details: Record<string, unknown> }[]
  expect(entries.map((e) => e.action)).toEqual(['policy.removed', 'policy.reordered', 'policy.changed', 'policy.added', 'policy.added', 'policy.added'])
  expect(entries.every((e) => e.actor.name === 'Olga Owner')).toBe(true)
  expect(entries.find((e) => e.action === 'policy.changed')).toMatchObject({ target: { id: first.body.id }, details: { action: 'require_approval', actionFrom: 'allow', noteChanged: 'yes' } })
  expect(entries.find((e) => e.action === 'policy.removed')?.details).toEqual({ pattern: '*.delete*', action: 'block', position: 0 })
  for (const p of (await asOwner('/api/policies')).body.policies as Policy[]) await asOwner(`/api/policies/${p.id}`, { method: 'DELETE' })
})

test('members read the list, settings and test results, but every write is 403 (and 401 without credentials)', async () => {
  const rule = await asOwner('/api/policies', { body: { pattern: 'members.read.*', action: 'allow' } })
  const read = await call(server.url, '/api/policies', { cookie: member.cookie })
  expect(read.status).toBe(200)
  expect(read.body).toMatchObject({ policies: [{ pattern: 'members.read.*' }], settings: { expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: false } })
  expect((await call(server.url, `/api/policies/${rule.body.id}`, { cookie: member.cookie })).status).toBe(200)
  expect((await call(server.url, '/api/policies/settings', { cookie: member.cookie })).status).toBe(200)
  expect((await call(server.url, '/api/policies/test?path=members.read.x', { cookie: member.cookie })).status).toBe(200)
  await expectProtected(server.url, member.cookie, '/api/policies', { body: { pattern: 'x.*', action: 'block' } })
  await expectProtected(server.url, member.cookie, `/api/policies/${rule.body.id}`, { method: 'PATCH', body: { action: 'block' } })
  await expectProtected(server.url, member.cookie, `/api/policies/${rule.body.id}`, { method: 'DELETE' })
  await expectProtected(server.url, member.cookie, '/api/policies/reorder', { body: { ids: [rule.body.id] } })
  await expectProtected(server.url, member.cookie, '/api/policies/settings', { method: 'PUT', body: { expiryMinutes: 5 } })
  expect((await call(server.url, '/api/policies')).status).toBe(401)
  expect((await call(server.url, '/api/policies/test?path=x')).status).toBe(401)
  await asOwner(`/api/policies/${rule.body.id}`, { method: 'DELETE' })
})

test.each([
  [{ pattern: 'github.**', action: 'block' }, 'pattern: Use a single * : one * already matches across dots'],
  [{ pattern: 'git hub', action: 'block' }, 'pattern: A pattern cannot contain spaces or other whitespace'],
  [{ pattern: 'github..x', action: 'block' }, 'pattern: A pattern cannot have an empty segment (two dots in a row)'],
  [{ pattern: '', action: 'block' }, 'pattern: Enter a pattern, e.g. github.* or *.delete*'],
  [{ pattern: 'a.*', action: 'deny' }, 'action: action must be one of allow, require_approval, block'],
  [{ pattern: 'a.*', action: 'allow', note: 'x'.repeat(501) }, 'note: A note has at most 500 characters'],
  [{ pattern: 'a.*', action: 'allow', position: -1 }, 'position: position starts at 0'],
  [{ pattern: 'a.*', action: 'allow', extra: true }, 'Unrecognized key: "extra"'],
])('adding %j is refused with 400: %s', async (body, reason) => {
  const refused = await asOwner('/api/policies', { body })
  expect(refused.status).toBe(400)
  expect(refused.body).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) })
  expect(refused.body.message).toContain(reason)
})

test('other refusals: bad edits, bad reorders, bad settings, a missing test path, and methods not allowed', async () => {
  const rule = await asOwner('/api/policies', { body: { pattern: 'refusals.*', action: 'allow' } })
  const expect400 = async (path: string, options: { method?: string; body?: unknown }, reason: string | RegExp) => {
    const refused = await asOwner(path, options)
    expect(refused.status, JSON.stringify(refused.body)).toBe(400)
    expect(refused.body.message).toMatch(reason)
  }
  await expect400(`/api/policies/${rule.body.id}`, { method: 'PATCH', body: { pattern: '.x' } }, 'A pattern cannot start or end with a dot')
  await expect400(`/api/policies/${rule.body.id}`, { method: 'PATCH', body: {} }, 'Send at least one of pattern, action, note')
  await expect400(`/api/policies/${rule.body.id}`, { method: 'PATCH', body: { position: 3 } }, 'Unrecognized key')
  await expect400('/api/policies/reorder', { body: { ids: [rule.body.id, rule.body.id] } }, 'ids must not repeat an id')
  await expect400('/api/policies/settings', { method: 'PUT', body: { expiryMinutes: 0 } }, 'expiryMinutes is at least 1')
  await expect400('/api/policies/settings', { method: 'PUT', body: { inlineWaitSeconds: 601 } }, 'inlineWaitSeconds is at most 600')
  await expect400('/api/policies/settings', { method: 'PUT', body: { requireDifferentApprover: 'yes' } }, 'requireDifferentApprover must be true or false')
  await expect400('/api/policies/test', {}, /path is required/)
  for (const [method, path] of [['PUT', '/api/policies'], ['POST', `/api/policies/${rule.body.id}`], ['GET', '/api/policies/reorder'], ['POST', '/api/policies/test'], ['DELETE', '/api/policies/settings']] as const) {
    const refused = await asOwner(path, { method })
    expect(refused.status, `${method} ${path}`).toBe(405)
    expect(refused.body.code).toBe('METHOD_NOT_ALLOWED')
  }
  const missing = await asOwner('/api/policies/pol_nope', { method: 'PATCH', body: { action: 'block' } })
  expect(missing.status).toBe(404)
  await asOwner(`/api/policies/${rule.body.id}`, { method: 'DELETE' })
})

test('approval settings: change some, read them back, recorded from/to', async () => {
  const changed = await asOwner('/api/policies/settings', { method: 'PUT', body: { expiryMinutes: 120, requireDifferentApprover: true } })
  expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  expect(changed.body).toEqual({ expiryMinutes: 120, inlineWaitSeconds: 60, requireDifferentApprover: true })
  expect((await asOwner('/api/policies/settings')).body).toEqual(changed.body)
  expect(((await asOwner('/api/policies')).body.settings)).toEqual(changed.body)
  const audit = await asOwner('/api/audit?action=approval.settings_changed')
  expect((audit.body.entries as { details: unknown }[])[0]?.details).toEqual({ expiryMinutesFrom: 10, expiryMinutes: 120, requireDifferentApproverFrom: false, requireDifferentApprover: true })
  await asOwner('/api/policies/settings', { method: 'PUT', body: { expiryMinutes: 10, requireDifferentApprover: false } })
})

test('the test endpoint: a Petstore POST needs approval by default, a block rule decides by name, built-ins and unknown paths', async () => {
  const petstoreYaml = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  const added = await asOwner('/api/integrations', { body: { kind: 'openapi', slug: 'pets', document: petstoreYaml, baseUrl: 'https://pets.example.com/v1' } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const connection = await asOwner(`/api/integrations/${added.body.id}/connections`, { body: { name: 'main', scope: 'org', auth: { type: 'none' } } })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
  const test = async (path: string) => {
    const tested = await asOwner(`/api/policies/test?path=${encodeURIComponent(path)}`)
    expect(tested.status, JSON.stringify(tested.body)).toBe(200)
    return tested.body
  }

  expect(await test('pets.pet.addPet')).toEqual({
    path: 'pets.pet.addPet',
    names: ['pets.org.main.pet.addPet', 'pets.pet.addPet'],
    decision: { action: 'require_approval', source: 'default', reason: 'POST operations of OpenAPI integrations require approval by default' },
    tool: { kind: 'openapi', found: true },
  })
  expect(await test('tools.pets.org.main.pet.getPetById')).toMatchObject({ names: ['pets.org.main.pet.getPetById', 'pets.pet.getPetById'], decision: { action: 'allow', source: 'default' } })

  await asOwner('/api/policies', { body: { pattern: 'pets.pet.get*', action: 'allow' } })
  const block = await asOwner('/api/policies', { body: { pattern: 'pets.org.main.*', action: 'block', note: 'frozen' } })
  expect(await test('pets.pet.addPet')).toMatchObject({
    decision: { action: 'block', source: 'rule', rule: { id: block.body.id, position: 1, pattern: 'pets.org.main.*', note: 'frozen' }, reason: 'Rule 2 "pets.org.main.*" blocks it' },
  })
  expect(await test('pets.pet.getPetById')).toMatchObject({ decision: { action: 'allow', source: 'rule', reason: 'Rule 1 "pets.pet.get*" allows it' } })

  expect(await test('executor.search')).toEqual({
    path: 'executor.search',
    names: ['executor.search'],
    decision: { action: 'allow', source: 'default', reason: 'built-in tools are allowed by default' },
    tool: { kind: 'builtin', found: true },
  })
  const unknownTool = await test('pets.pet.launchRocket')
  expect(unknownTool).toMatchObject({ names: ['pets.pet.launchRocket'], decision: { action: 'allow', source: 'default' }, tool: { kind: 'openapi', found: false } })
  expect(String((unknownTool.decision as { reason: string }).reason)).toMatch(/No tool you can call was found at "pets\.pet\.launchRocket" \(pets has no tool pet\.launchRocket\)/)
  const nowhere = await test('nothing.here')
  expect(nowhere).toMatchObject({ path: 'nothing.here', names: ['nothing.here'], decision: { action: 'allow', source: 'default' } })
  expect(nowhere.tool).toBeUndefined()

  const audit = await asOwner('/api/audit?action=policy.added&limit=5')
  expect((audit.body.entries as { details: unknown }[])[0]?.details).toEqual({ pattern: 'pets.org.main.*', action: 'block', position: 1 })
})
