// The owner claim and headless bootstrap (SPEC §3).
import { afterAll, expect, test } from 'vitest'
import { call, claimOwner, person, signIn, signUp, sql, strongPassword } from '../harness/accounts'
import { startBunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

afterAll(stopAll)

test('a fresh server needs setup, and 20 simultaneous claims make exactly one owner and no orphans', async () => {
  const server = await startBunServer()
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: true, needsSetupCode: false })

  const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(server.url, person(`Claimant ${i}`))))
  const statuses = claims.map((c) => c.status)
  expect(statuses.filter((s) => s === 200)).toHaveLength(1)
  expect(statuses.filter((s) => s === 409)).toHaveLength(19)
  for (const loser of claims.filter((c) => c.status === 409)) {
    expect(String(loser.body.message)).toMatch(/already has an owner/)
  }

  expect(await sql(server.dataDir, "SELECT count(*) AS n FROM member WHERE role = 'owner'")).toEqual([expect.objectContaining({ n: 1 })])
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 1 })])
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user WHERE id NOT IN (SELECT user_id FROM member)')).toEqual([
    expect.objectContaining({ n: 0 }),
  ])
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: false, needsSetupCode: false })
})

test('after the claim, sign-up without an invite is refused with 403 and a clear message', async () => {
  const server = await startBunServer()
  await claimOwner(server.url)
  const refused = await signUp(server.url, person('Stranger'))
  expect(refused.status).toBe(403)
  expect(refused.body).toMatchObject({ code: 'INVITE_REQUIRED', message: expect.stringContaining('invite') })
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 1 })])
})

test('the claim enforces the password rule and leaves nothing behind when refused', async () => {
  const server = await startBunServer()
  const weak = await signUp(server.url, { ...person('Weak'), password: 'password12' })
  expect(weak.status).toBe(400)
  expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD' })
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 0 })])
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: true, needsSetupCode: false })
  await claimOwner(server.url)
})

test('the claimed owner is signed in by the sign-up and is the owner', async () => {
  const server = await startBunServer()
  const owner = await claimOwner(server.url, person('Ada'))
  const me = await call(server.url, '/api/me', { cookie: owner.cookie })
  expect(me.body).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'owner', via: 'session' })
})

test('bootstrap variables create the owner at first boot and later boots change nothing, saying so once', async () => {
  const admin = { EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: strongPassword, EXECUTOR_BOOTSTRAP_ADMIN_NAME: 'Root' }
  const first = await startBunServer({ env: admin })
  expect((await call(first.url, '/api/setup-status')).body).toEqual({ needsSetup: false, needsSetupCode: false })
  const signedIn = await signIn(first.url, { email: 'root@example.com', password: strongPassword })
  expect(signedIn.status).toBe(200)
  expect((await call(first.url, '/api/me', { cookie: signedIn.cookie })).body).toMatchObject({ name: 'Root', role: 'owner' })
  await first.stop()

  const changed = { ...admin, EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'other@example.com', EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'Another-Pass-9' }
  const second = await startBunServer({ dataDir: first.dataDir, env: changed })
  const notices = second.logs().split('\n').filter((line) => line.includes('EXECUTOR_BOOTSTRAP_ADMIN_* ignored'))
  expect(notices).toHaveLength(1)
  expect((await signIn(second.url, { email: 'root@example.com', password: strongPassword })).status).toBe(200)
  expect((await signIn(second.url, { email: 'other@example.com', password: 'Another-Pass-9' })).status).toBe(401)
  expect(await sql(second.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 1 })])
})
