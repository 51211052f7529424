// The audit log on the built container: each administrative change appears in GET /api/audit
// with who made it and its non-secret facts; the secrets involved appear nowhere in it.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, expectProtected, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

const SECRET = 'audit-canary-4e1b9d7c2a'
let server: BunServer
let owner: Session
let petstoreYaml: string
beforeAll(async () => {
  petstoreYaml = await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Olga Owner'))
})
afterAll(stopAll)

type Entry = { id: string; action: string; actor: { name: string; email: string }; target: { type: string; id: string; label: string }; details: Record<string, unknown> }
const audit = async (query = '') => {
  const listed = await call(server.url, `/api/audit${query}`, { cookie: owner.cookie })
  expect(listed.status, JSON.stringify(listed.body)).toBe(200)
  return { entries: listed.body.entries as Entry[], nextCursor: listed.body.nextCursor as string | null, raw: JSON.stringify(listed.body) }
}
const find = (entries: Entry[], action: string, targetId: string) => entries.find((e) => e.action === action && e.target.id === targetId)

test('invites, role changes, API keys, integrations and connections are recorded with actor and details, without secrets', async () => {
  const invite = await call(server.url, '/api/invites', { cookie: owner.cookie, body: { role: 'member', label: 'for Max' } })
  expect(invite.status).toBe(201)
  const inviteId = String((invite.body.invite as { id: string }).id)
  const member = await addPerson(server.url, owner, person('Max Member'), 'member')
  expect((await call(server.url, `/api/members/${member.userId}`, { method: 'PATCH', cookie: owner.cookie, body: { role: 'admin' } })).status).toBe(200)

  const key = await call(server.url, '/api/api-keys', { cookie: owner.cookie, body: { name: 'ci' } })
  const keyId = String((key.body.apiKey as { id: string }).id)
  expect((await call(server.url, `/api/api-keys/${keyId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)

  const added = await call(server.url, '/api/integrations', {
    cookie: owner.cookie,
    body: { kind: 'openapi', slug: 'pets', document: petstoreYaml, baseUrl: 'https://pets.example.com/v1?token=nope' },
  })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const integrationId = String(added.body.id)
  const connection = await call(server.url, `/api/integrations/${integrationId}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'bearer', token: SECRET } },
  })
  expect(connection.status, JSON.stringify(connection.body)).toBe(201)
  const connectionId = String(connection.body.id)
  const patched = await call(server.url, `/api/integrations/${integrationId}/connections/${connectionId}`, {
    method: 'PATCH',
    cookie: owner.cookie,
    body: { auth: { type: 'basic', username: 'svc', password: `${SECRET}-2` } },
  })
  expect(patched.status).toBe(200)
  expect((await call(server.url, `/api/integrations/${integrationId}/connections/${connectionId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)
  expect((await call(server.url, `/api/integrations/${integrationId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)

  const { entries, raw } = await audit('?limit=200')
  const byOwner = { name: 'Olga Owner', email: owner.person.email }
  expect(find(entries, 'invite.created', inviteId)).toMatchObject({ actor: byOwner, target: { label: 'for Max' }, details: { role: 'member' } })
  expect(find(entries, 'member.role_changed', member.userId)).toMatchObject({ actor: byOwner, target: { label: member.person.email }, details: { from: 'member', to: 'admin' } })
  expect(find(entries, 'api_key.created', keyId)).toMatchObject({ actor: byOwner, target: { type: 'api_key', label: 'ci' } })
  expect(find(entries, 'api_key.revoked', keyId)).toMatchObject({ actor: byOwner, target: { label: 'ci' } })
  expect(find(entries, 'integration.added', integrationId)).toMatchObject({
    actor: byOwner,
    target: { label: 'pets' },
    details: { kind: 'openapi', baseUrl: 'https://pets.example.com/v1' },
  })
  expect(find(entries, 'connection.added', connectionId)).toMatchObject({ actor: byOwner, details: { integration: 'pets', address: 'org.main', authType: 'bearer' } })
  expect(find(entries, 'connection.changed', connectionId)).toMatchObject({ details: { authType: 'basic', authTypeFrom: 'bearer', secretReplaced: true } })
  expect(find(entries, 'connection.removed', connectionId)).toMatchObject({ target: { label: 'pets.org.main' } })
  expect(find(entries, 'integration.removed', integrationId)).toMatchObject({ actor: byOwner, target: { label: 'pets' } })
  // Neither the connection's secrets, nor the API key, nor the invite code, nor a URL's query.
  expect(raw).not.toContain(SECRET)
  expect(raw).not.toContain(String(key.body.key))
  expect(raw).not.toContain(String(invite.body.code))
  expect(raw).not.toContain('token=nope')

  // Newest first; filtered by action; paged by cursor.
  expect(entries[0]?.action).toBe('integration.removed')
  const invites = await audit('?action=invite.created')
  expect(invites.entries.every((e) => e.action === 'invite.created')).toBe(true)
  expect(invites.entries.length).toBeGreaterThanOrEqual(2) // ours and addPerson's
  const first = await audit('?limit=1')
  expect(first.nextCursor).toMatch(/^\d+:/)
  const second = await audit(`?limit=1&before=${encodeURIComponent(first.nextCursor ?? '')}`)
  expect(second.entries[0]?.id).not.toBe(first.entries[0]?.id)
  expect(second.entries[0]).toEqual(entries[1])

  expect((await call(server.url, '/api/audit?action=member.hacked', { cookie: owner.cookie })).status).toBe(400)
  const plain = await addPerson(server.url, owner, person('Mia Member'), 'member')
  await expectProtected(server.url, plain.cookie, '/api/audit')
})
