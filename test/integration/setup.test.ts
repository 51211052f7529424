// The owner claim and headless bootstrap.
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

test('simultaneous setup submits with one email make exactly one owner, who can sign in afterwards', async () => {
  for (let round = 0; round < 3; round++) {
    const server = await startBunServer()
    const who = person('Double Submit')
    const claims = await Promise.all(Array.from({ length: 12 }, () => signUp(server.url, who)))
    expect(claims.filter((c) => c.status === 200)).toHaveLength(1)
    expect(await sql(server.dataDir, "SELECT count(*) AS n FROM member WHERE role = 'owner'")).toEqual([expect.objectContaining({ n: 1 })])
    expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 1 })])
    const signedIn = await signIn(server.url, who)
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200)
    expect((await call(server.url, '/api/me', { cookie: signedIn.cookie })).body).toMatchObject({ email: who.email, role: 'owner' })
    await server.stop()
  }
})

const setupCodeLine = (logs: string) => /setup code: ([A-Z0-9-]+)/.exec(logs)?.[1]

test('with the setup code required, the owner claim needs the code printed at boot', async () => {
  const server = await startBunServer({ env: { EXECUTOR_SETUP_CODE_REQUIRED: 'true' } })
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: true, needsSetupCode: true })
  const code = setupCodeLine(server.logs())
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)

  const missing = await signUp(server.url, person('No Code'))
  expect(missing.status).toBe(403)
  expect(missing.body).toMatchObject({ code: 'SETUP_CODE_REQUIRED', message: expect.stringContaining('setup code') })
  const wrong = await call(server.url, '/api/auth/sign-up/email', { body: person('Wrong Code'), headers: { 'x-executor-setup-code': 'AAAA-BBBB-CCCC' } })
  expect(wrong.status).toBe(403)
  expect(wrong.body).toMatchObject({ code: 'SETUP_CODE_INVALID' })
  expect(await sql(server.dataDir, 'SELECT count(*) AS n FROM user')).toEqual([expect.objectContaining({ n: 0 })])

  // Case and dashes do not matter.
  const typed = String(code).toLowerCase().replace(/-/g, ' ')
  const right = await call(server.url, '/api/auth/sign-up/email', { body: person('Right Code'), headers: { 'x-executor-setup-code': typed } })
  expect(right.status, JSON.stringify(right.body)).toBe(200)
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: false, needsSetupCode: false })
})

test('a loopback-only server asks for no setup code and prints none', async () => {
  const server = await startBunServer()
  expect(setupCodeLine(server.logs())).toBeUndefined()
  await claimOwner(server.url)
})

test('bootstrap variables still skip setup when the setup code is required, and no code is printed', async () => {
  const server = await startBunServer({
    env: { EXECUTOR_SETUP_CODE_REQUIRED: 'true', EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'boot@example.com', EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: strongPassword },
  })
  expect((await call(server.url, '/api/setup-status')).body).toEqual({ needsSetup: false, needsSetupCode: false })
  expect(setupCodeLine(server.logs())).toBeUndefined()
  expect((await signIn(server.url, { email: 'boot@example.com', password: strongPassword })).status).toBe(200)
})
