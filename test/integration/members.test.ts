// Members and roles: who may change whom, and the last owner stays.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, expectProtected, person, signIn, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session & { userId: string }
beforeAll(async () => {
  server = await startBunServer()
  const claimed = await claimOwner(server.url, person('Olga Owner'))
  const me = await call(server.url, '/api/me', { cookie: claimed.cookie })
  owner = { ...claimed, userId: String(me.body.userId) }
})
afterAll(stopAll)

const setRole = (who: Session, userId: string, role: string) =>
  call(server.url, `/api/members/${userId}`, { method: 'PATCH', cookie: who.cookie, body: { role } })
const remove = (who: Session, userId: string) => call(server.url, `/api/members/${userId}`, { method: 'DELETE', cookie: who.cookie })

test('admins list members with their roles; members get 403 and strangers 401', async () => {
  const member = await addPerson(server.url, owner, person('Max Member'), 'member')
  const list = await call(server.url, '/api/members', { cookie: owner.cookie })
  expect(list.status).toBe(200)
  expect(list.body.members).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'Olga Owner', role: 'owner', isYou: true }),
      expect.objectContaining({ name: 'Max Member', role: 'member', isYou: false }),
    ]),
  )
  await expectProtected(server.url, member.cookie, '/api/members')
  await expectProtected(server.url, member.cookie, `/api/members/${owner.userId}`, { method: 'PATCH', body: { role: 'member' } })
  await expectProtected(server.url, member.cookie, `/api/members/${owner.userId}`, { method: 'DELETE' })
})

test('an owner promotes and demotes; an admin may promote members but not touch admins or owners', async () => {
  const admin = await addPerson(server.url, owner, person('Alma Admin'), 'admin')
  const member = await addPerson(server.url, owner, person('Milo Member'), 'member')
  const other = await addPerson(server.url, owner, person('Otto Admin'), 'admin')

  expect((await setRole(admin, member.userId, 'admin')).body).toMatchObject({ member: { role: 'admin' } })
  const demoteAdmin = await setRole(admin, member.userId, 'member')
  expect(demoteAdmin.status).toBe(403)
  expect(String(demoteAdmin.body.message)).toMatch(/Only an owner/)
  expect((await setRole(admin, other.userId, 'member')).status).toBe(403)
  expect((await setRole(admin, owner.userId, 'member')).status).toBe(403)
  expect((await remove(admin, other.userId)).status).toBe(403)

  expect((await setRole(owner, member.userId, 'member')).body).toMatchObject({ member: { role: 'member' } })
  expect((await setRole(owner, other.userId, 'owner')).body).toMatchObject({ member: { role: 'owner' } })
  expect((await setRole(owner, other.userId, 'admin')).body).toMatchObject({ member: { role: 'admin' } })
  expect((await setRole(admin, member.userId, 'owner')).status).toBe(403)
})

test('role changes are validated', async () => {
  const member = await addPerson(server.url, owner, person('Val Member'), 'member')
  const bad = await setRole(owner, member.userId, 'superuser')
  expect(bad.status).toBe(400)
  expect(String(bad.body.message)).toMatch(/Role must be one of/)
  expect((await setRole(owner, 'nobody', 'admin')).status).toBe(404)
})

test('removing a member deletes their account: their session and API keys stop working', async () => {
  const member = await addPerson(server.url, owner, person('Gone Gary'), 'member')
  const key = await call(server.url, '/api/api-keys', { cookie: member.cookie, body: { name: 'laptop' } })
  const apiKey = String(key.body.key)
  expect((await call(server.url, '/api/me', { headers: { 'x-api-key': apiKey } })).status).toBe(200)

  expect((await remove(owner, member.userId)).status).toBe(204)
  expect((await call(server.url, '/api/me', { cookie: member.cookie })).status).toBe(401)
  expect((await call(server.url, '/api/me', { headers: { 'x-api-key': apiKey } })).status).toBe(401)
  expect((await signIn(server.url, member.person)).status).toBe(401)
  expect((await remove(owner, member.userId)).status).toBe(404)
})

test('nobody can demote or remove the last owner, not even themselves', async () => {
  const solo = await startBunServer()
  const claimed = await claimOwner(solo.url, person('Solo'))
  const me = String((await call(solo.url, '/api/me', { cookie: claimed.cookie })).body.userId)
  const demote = await call(solo.url, `/api/members/${me}`, { method: 'PATCH', cookie: claimed.cookie, body: { role: 'admin' } })
  expect(demote.status).toBe(409)
  expect(String(demote.body.message)).toMatch(/last owner/)
  const removal = await call(solo.url, `/api/members/${me}`, { method: 'DELETE', cookie: claimed.cookie })
  expect(removal.status).toBe(409)
  await solo.stop()
})

test('two owners demoting each other at once still leave one owner', async () => {
  const duo = await startBunServer()
  const first = await claimOwner(duo.url, person('First'))
  const firstId = String((await call(duo.url, '/api/me', { cookie: first.cookie })).body.userId)
  const second = await addPerson(duo.url, first, person('Second'), 'admin')
  await call(duo.url, `/api/members/${second.userId}`, { method: 'PATCH', cookie: first.cookie, body: { role: 'owner' } })
  const results = await Promise.all([
    call(duo.url, `/api/members/${second.userId}`, { method: 'PATCH', cookie: first.cookie, body: { role: 'member' } }),
    call(duo.url, `/api/members/${firstId}`, { method: 'PATCH', cookie: second.cookie, body: { role: 'member' } }),
  ])
  // Whichever lands second is refused: by the last-owner guard (409) or, if the first already
  // demoted its caller, by the role check (403). Either way one owner remains.
  const statuses = results.map((r) => r.status).sort()
  expect(statuses[0]).toBe(200)
  expect([403, 409]).toContain(statuses[1])
  const members = (await call(duo.url, '/api/members', { cookie: results[0]?.status === 200 ? first.cookie : second.cookie })).body
    .members as Array<{ role: string }>
  expect(members.filter((m) => m.role === 'owner')).toHaveLength(1)
  await duo.stop()
})
