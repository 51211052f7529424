// Invite links: single-use, atomic, expiring, revocable, hashed at rest.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, expectProtected, person, signUp, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
let member: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Olivia Owner'))
  member = await addPerson(server.url, owner, person('Mel Member'), 'member')
})
afterAll(stopAll)

const createInvite = (body: Record<string, unknown>, who = owner) => call(server.url, '/api/invites', { cookie: who.cookie, body })

test('an owner creates an invite link once, stored only as a hash, and it describes itself publicly', async () => {
  const created = await createInvite({ role: 'member', label: 'New teammate', expiresInDays: 7 })
  expect(created.status).toBe(201)
  const code = String(created.body.code)
  expect(code).toMatch(/^[\w-]{43}$/)
  expect(created.body.url).toBe(`${server.url}/join/${code}`)
  expect(created.body.invite).toMatchObject({ role: 'member', label: 'New teammate', status: 'unused', createdBy: 'Olivia Owner' })

  const stored = await sql(server.dataDir, 'SELECT code_hash FROM invite WHERE label = ?', ['New teammate'])
  expect(stored[0]?.code_hash).toBe(createHash('sha256').update(code).digest('hex'))
  expect(JSON.stringify((await call(server.url, '/api/invites', { cookie: owner.cookie })).body)).not.toContain(code)

  const described = await call(server.url, `/api/join/${code}`)
  expect(described.body).toMatchObject({ status: 'valid', role: 'member', invitedBy: 'Olivia Owner', organization: 'Default', label: 'New teammate' })
})

test('joining consumes the invite: the list says who used it and when, and a second use is refused', async () => {
  const created = await createInvite({ role: 'admin' })
  const code = String(created.body.code)
  const joined = await signUp(server.url, person('Ivan Invitee'), code)
  expect(joined.status).toBe(200)
  expect((await call(server.url, '/api/me', { cookie: joined.cookie })).body).toMatchObject({ role: 'admin' })

  const invites = (await call(server.url, '/api/invites', { cookie: owner.cookie })).body.invites as Array<Record<string, unknown>>
  const used = invites.find((i) => i.id === (created.body.invite as { id: string }).id)
  expect(used).toMatchObject({ status: 'used', usedBy: { name: 'Ivan Invitee', email: 'ivan.invitee@example.com' } })
  expect(used?.usedAt).toEqual(expect.any(String))

  const again = await signUp(server.url, person('Second Try'), code)
  expect(again.status).toBe(409)
  expect(String(again.body.message)).toMatch(/already been used/)
  expect((await call(server.url, `/api/join/${code}`)).body).toEqual({ status: 'used' })
})

test('two simultaneous joins with one code: exactly one account is created', async () => {
  const code = String((await createInvite({ role: 'member' })).body.code)
  const [a, b] = await Promise.all([signUp(server.url, person('Racer A'), code), signUp(server.url, person('Racer B'), code)])
  expect([a.status, b.status].sort()).toEqual([200, 409])
  const racers = await sql(server.dataDir, "SELECT email FROM user WHERE email LIKE 'racer.%'")
  expect(racers).toHaveLength(1)
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user WHERE id NOT IN (SELECT user_id FROM member)')).toEqual([
    expect.objectContaining({ n: 0 }),
  ])
})

test('a failed join gives the invite back: an existing email does not burn the code', async () => {
  const code = String((await createInvite({ role: 'member' })).body.code)
  const duplicate = await signUp(server.url, person('Mel Member'), code)
  expect(duplicate.status).toBeGreaterThanOrEqual(400)
  expect((await call(server.url, `/api/join/${code}`)).body).toMatchObject({ status: 'valid' })
  expect((await signUp(server.url, person('Fresh Face'), code)).status).toBe(200)
})

test('expired, revoked and unknown codes are refused with clear errors', async () => {
  const expiring = await createInvite({ role: 'member', expiresInDays: 1 })
  await sql(server.dataDir, 'UPDATE invite SET expires_at = ? WHERE id = ?', [Date.now() - 1000, (expiring.body.invite as { id: string }).id])
  const expired = await signUp(server.url, person('Late Larry'), String(expiring.body.code))
  expect(expired.status).toBe(410)
  expect(String(expired.body.message)).toMatch(/expired/)
  expect((await call(server.url, `/api/join/${String(expiring.body.code)}`)).body).toEqual({ status: 'expired' })

  const revoking = await createInvite({ role: 'member' })
  const id = (revoking.body.invite as { id: string }).id
  expect((await call(server.url, `/api/invites/${id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)
  const revoked = await signUp(server.url, person('Revoked Rita'), String(revoking.body.code))
  expect(revoked.status).toBe(410)
  expect(String(revoked.body.message)).toMatch(/revoked/)

  const unknown = await signUp(server.url, person('Guessing Gus'), 'not-a-real-code-000000000000000000000000000')
  expect(unknown.status).toBe(404)
  expect(await sql(server.dataDir, "SELECT count(*) AS n FROM user WHERE email IN ('late.larry@example.com', 'revoked.rita@example.com', 'guessing.gus@example.com')")).toEqual([
    expect.objectContaining({ n: 0 }),
  ])
})

test('only unused invites can be revoked; unknown ids are 404', async () => {
  const created = await createInvite({ role: 'member' })
  await signUp(server.url, person('Quick Quinn'), String(created.body.code))
  const id = (created.body.invite as { id: string }).id
  const revokeUsed = await call(server.url, `/api/invites/${id}`, { method: 'DELETE', cookie: owner.cookie })
  expect(revokeUsed.status).toBe(409)
  expect((await call(server.url, '/api/invites/inv_nope', { method: 'DELETE', cookie: owner.cookie })).status).toBe(404)
})

test('invite input is validated with field messages', async () => {
  const owned = await createInvite({ role: 'owner' })
  expect(owned.status).toBe(400)
  expect(owned.body.message).toBe('Invalid request body: role: Role must be admin or member')
  expect((await createInvite({ role: 'member', expiresInDays: 0 })).status).toBe(400)
  expect((await createInvite({ role: 'member', label: 'x'.repeat(101) })).status).toBe(400)
  expect((await createInvite({})).status).toBe(400)
})

test('members cannot list, create or revoke invites; anonymous callers get 401', async () => {
  await expectProtected(server.url, member.cookie, '/api/invites')
  await expectProtected(server.url, member.cookie, '/api/invites', { body: { role: 'member' } })
  await expectProtected(server.url, member.cookie, '/api/invites/inv_x', { method: 'DELETE' })
})

test('admins can invite too', async () => {
  const admin = await addPerson(server.url, owner, person('Ada Admin'), 'admin')
  expect((await createInvite({ role: 'member' }, admin)).status).toBe(201)
})
