// Verified API keys are cached in the server process; every change made through Executor must
// still reach the very next request that presents the key.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'

let server: BunServer
let owner: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Cora Cache'))
})
afterAll(stopAll)

const withKey = (key: string, path: string) => call(server.url, path, { headers: { authorization: `Bearer ${key}` } })

test('a key in use stops working over /api and MCP the moment it is revoked', async () => {
  const key = await createApiKey(server.url, owner, 'revoke-me')
  const mcp = await connectMcp(server.url, key)
  const ran = await mcp.client.callTool({ name: 'execute', arguments: { code: 'return 1 + 1' } })
  expect(ran.structuredContent).toMatchObject({ status: 'completed', result: 2 })
  expect((await withKey(key, '/api/me')).status).toBe(200)

  const listed = (await call(server.url, '/api/api-keys', { cookie: owner.cookie })).body.apiKeys as Array<{ id: string; name: string }>
  const id = listed.find((k) => k.name === 'revoke-me')?.id
  expect((await call(server.url, `/api/api-keys/${id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)

  const refused = await withKey(key, '/api/me')
  expect(refused.status).toBe(401)
  expect(refused.body.message).toBe('API key is invalid or revoked')
  await expect(mcp.client.callTool({ name: 'execute', arguments: { code: 'return 1' } })).rejects.toThrow(/401|invalid or revoked/)
  await mcp.close().catch(() => undefined)
})

test('a role change applies to the next request made with a key already in use', async () => {
  const member = await addPerson(server.url, owner, person('Rolf Role'), 'member')
  const key = await createApiKey(server.url, member)
  expect((await withKey(key, '/api/members')).status).toBe(403)

  const promote = await call(server.url, `/api/members/${member.userId}`, { method: 'PATCH', cookie: owner.cookie, body: { role: 'admin' } })
  expect(promote.status).toBe(200)
  expect((await withKey(key, '/api/members')).status).toBe(200)
  expect((await withKey(key, '/api/me')).body).toMatchObject({ role: 'admin' })

  const demote = await call(server.url, `/api/members/${member.userId}`, { method: 'PATCH', cookie: owner.cookie, body: { role: 'member' } })
  expect(demote.status).toBe(200)
  expect((await withKey(key, '/api/members')).status).toBe(403)
})

test("a removed member's key in use is refused at once", async () => {
  const member = await addPerson(server.url, owner, person('Remy Removed'), 'member')
  const key = await createApiKey(server.url, member)
  expect((await withKey(key, '/api/me')).status).toBe(200)
  expect((await call(server.url, `/api/members/${member.userId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204)
  expect((await withKey(key, '/api/me')).status).toBe(401)
})

test('a name change shows on the next request made with a key in use', async () => {
  const member = await addPerson(server.url, owner, person('Nora Name'), 'member')
  const key = await createApiKey(server.url, member)
  expect((await withKey(key, '/api/me')).body).toMatchObject({ name: 'Nora Name' })
  const renamed = await call(server.url, '/api/auth/update-user', { cookie: member.cookie, body: { name: 'Nora Renamed' } })
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
  expect((await withKey(key, '/api/me')).body).toMatchObject({ name: 'Nora Renamed' })
})

test('an expired key is refused', async () => {
  const created = await call(server.url, '/api/api-keys', { cookie: owner.cookie, body: { name: 'old', expiresInDays: 1 } })
  await sql(server.dataDir, 'UPDATE api_key SET expires_at = ? WHERE name = ?', [Date.now() - 1000, 'old'])
  const expired = await withKey(String(created.body.key), '/api/me')
  expect(expired.status).toBe(401)
  expect(expired.body.message).toBe('API key has expired')
})
