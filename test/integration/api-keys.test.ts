// Personal API keys: shown once, hashed, Bearer or x-api-key, revocable, expiring.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Kim Keys'))
})
afterAll(stopAll)

const create = (body: Record<string, unknown>, who = owner) => call(server.url, '/api/api-keys', { cookie: who.cookie, body })
const me = (headers: Record<string, string>) => call(server.url, '/api/me', { headers })

test('a key is shown once, stored as a SHA-256 and listed by prefix only', async () => {
  const created = await create({ name: 'ci', expiresInDays: 30 })
  expect(created.status).toBe(201)
  const key = String(created.body.key)
  expect(key).toMatch(/^exk_[\w-]{43}$/)
  expect(created.body.apiKey).toMatchObject({ name: 'ci', prefix: key.slice(0, 12), lastUsedAt: null, status: 'active' })
  const stored = await sql(server.dataDir, "SELECT key_hash FROM api_key WHERE name = 'ci'")
  expect(stored[0]?.key_hash).toBe(createHash('sha256').update(key).digest('hex'))
  const listed = await call(server.url, '/api/api-keys', { cookie: owner.cookie })
  expect(JSON.stringify(listed.body)).not.toContain(key)
  expect(JSON.stringify(listed.body)).not.toContain(String(stored[0]?.key_hash))
})

test('a key authenticates as its owner through Bearer and x-api-key, and records its last use', async () => {
  const key = String((await create({ name: 'cli' })).body.key)
  const variants: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }]
  for (const headers of variants) {
    const result = await me(headers)
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ email: 'kim.keys@example.com', role: 'owner', via: 'api_key' })
  }
  const listed = (await call(server.url, '/api/api-keys', { cookie: owner.cookie })).body.apiKeys as Array<Record<string, unknown>>
  expect(listed.find((k) => k.name === 'cli')?.lastUsedAt).toEqual(expect.any(String))
})

test('revoked, expired, unknown and malformed keys get 401', async () => {
  const created = await create({ name: 'temp' })
  const key = String(created.body.key)
  const id = (created.body.apiKey as { id: string }).id
  expect((await call(server.url, `/api/api-keys/${id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)
  const revoked = await me({ authorization: `Bearer ${key}` })
  expect(revoked.status).toBe(401)
  expect(revoked.body.message).toBe('API key is invalid or revoked')
  const listed = (await call(server.url, '/api/api-keys', { cookie: owner.cookie })).body.apiKeys as Array<{ id: string }>
  expect(listed.map((k) => k.id)).not.toContain(id)

  const expiring = await create({ name: 'short', expiresInDays: 1 })
  await sql(server.dataDir, 'UPDATE api_key SET expires_at = ? WHERE name = ?', [Date.now() - 1000, 'short'])
  const expired = await me({ 'x-api-key': String(expiring.body.key) })
  expect(expired.status).toBe(401)
  expect(expired.body.message).toBe('API key has expired')

  expect((await me({ 'x-api-key': 'exk_unknown' })).status).toBe(401)
  expect((await me({ authorization: 'Bearer exk_' })).status).toBe(401)
})

test('an invalid key is refused even when a valid session cookie rides along', async () => {
  const result = await call(server.url, '/api/me', { cookie: owner.cookie, headers: { 'x-api-key': 'exk_wrong' } })
  expect(result.status).toBe(401)
})

test('people see and revoke only their own keys', async () => {
  const member = await addPerson(server.url, owner, person('Nina Member'), 'member')
  const theirs = await create({ name: 'nina' }, member)
  expect(theirs.status).toBe(201)
  const ownerList = (await call(server.url, '/api/api-keys', { cookie: owner.cookie })).body.apiKeys as Array<{ name: string }>
  expect(ownerList.map((k) => k.name)).not.toContain('nina')
  const id = (theirs.body.apiKey as { id: string }).id
  expect((await call(server.url, `/api/api-keys/${id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(404)
  expect((await me({ 'x-api-key': String(theirs.body.key) })).body).toMatchObject({ role: 'member' })
})

test('key input is validated and the endpoints need a signed-in caller', async () => {
  const empty = await create({ name: '  ' })
  expect(empty.status).toBe(400)
  expect(empty.body.message).toBe('Invalid request body: name: Name is required')
  expect((await create({ name: 'x', expiresInDays: -1 })).status).toBe(400)
  expect((await call(server.url, '/api/api-keys')).status).toBe(401)
  expect((await call(server.url, '/api/api-keys', { body: { name: 'anon' } })).status).toBe(401)
})
