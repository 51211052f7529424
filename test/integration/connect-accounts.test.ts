// The Connect page's data and accounts people manage, against the built container: MCP sessions
// recorded with the client's name and version (a real SDK client), kept across restarts, capped
// per principal; renaming yourself; changing your password (current one required, other sessions
// signed out); owners and admins revoking any member's key; owner-issued single-use reset links.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { addPerson, call, claimOwner, createApiKey, person, signIn, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

type SessionRow = { id: string; userId: string; userEmail: string | null; clientName: string; clientVersion: string; createdAt: string; lastSeenAt: string; open: boolean }

let server: BunServer
let owner: Session
beforeAll(async () => {
  server = await startBunServer()
  owner = await claimOwner(server.url, person('Olga Owner'))
})
afterAll(stopAll)

async function sdkClient(baseUrl: string, key: string, info = { name: 'connect-test-client', version: '2.3.4' }) {
  const client = new Client(info)
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers: { authorization: `Bearer ${key}` } } })
  await client.connect(transport)
  return { client, transport }
}

const sessionsOf = async (who: Session, query = '') => {
  const listed = await call(server.url, `/api/mcp-sessions${query}`, { cookie: who.cookie })
  expect(listed.status, JSON.stringify(listed.body)).toBe(200)
  return listed.body.sessions as SessionRow[]
}

test('a session opened by a real SDK client is listed with its name and version, open until the client ends it', async () => {
  const key = await createApiKey(server.url, owner, 'sessions')
  const { client, transport } = await sdkClient(server.url, key)
  await client.listTools()
  const listed = await sessionsOf(owner)
  const mine = listed.find((s) => s.id === transport.sessionId)
  expect(mine).toMatchObject({ clientName: 'connect-test-client', clientVersion: '2.3.4', open: true, userEmail: 'olga.owner@example.com' })
  // Seen again within the minute: `last seen` is not rewritten on every request.
  await client.listTools()
  const stored = await sql(server.dataDir, 'SELECT created_at, last_seen_at FROM mcp_client_session WHERE id = ?', [transport.sessionId ?? ''])
  expect(stored[0]?.last_seen_at).toBe(stored[0]?.created_at)

  await transport.terminateSession()
  await client.close()
  const after = (await sessionsOf(owner)).find((s) => s.id === mine?.id)
  expect(after?.open).toBe(false)
})

test('the list survives a restart', async () => {
  const key = await createApiKey(server.url, owner, 'restart')
  const { client, transport } = await sdkClient(server.url, key, { name: 'restart-client', version: '0.1' })
  const id = transport.sessionId ?? ''
  await client.close()

  await server.stop()
  server = await startBunServer({ dataDir: server.dataDir })
  const listed = await sessionsOf(owner)
  expect(listed.find((s) => s.id === id)).toMatchObject({ clientName: 'restart-client', clientVersion: '0.1' })
})

test('each principal keeps its newest 20 sessions; members see their own, admins everyone with ?all=1', async () => {
  const member = await addPerson(server.url, owner, person('Mo Member'), 'member')
  const key = await createApiKey(server.url, member, 'many')
  for (let i = 0; i < 22; i++) {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': key },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: `raw-${i}`, version: String(i) } } }),
    })
    expect(response.status).toBe(200)
    await response.body?.cancel()
  }
  const mine = await sessionsOf(member)
  expect(mine).toHaveLength(20)
  expect(mine.map((s) => s.clientName)).not.toContain('raw-0')
  expect(mine.map((s) => s.clientName)).toContain('raw-21')
  expect(mine.every((s) => s.userId === member.userId)).toBe(true)

  const refused = await call(server.url, '/api/mcp-sessions?all=1', { cookie: member.cookie })
  expect(refused.status).toBe(403)
  expect(refused.body).toMatchObject({ code: 'FORBIDDEN', requestId: expect.any(String) })
  const everyone = await sessionsOf(owner, '?all=1')
  expect(new Set(everyone.map((s) => s.userEmail))).toEqual(new Set(['olga.owner@example.com', 'mo.member@example.com']))
  expect((await call(server.url, '/api/mcp-sessions?all=yes', { cookie: owner.cookie })).status).toBe(400)
  expect((await call(server.url, '/api/mcp-sessions')).status).toBe(401)
})

test('people change their own name', async () => {
  const member = await addPerson(server.url, owner, person('Nat Name'), 'member')
  const renamed = await call(server.url, '/api/account', { method: 'PATCH', cookie: member.cookie, body: { name: '  Natalie Name ' } })
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
  expect((await call(server.url, '/api/me', { cookie: member.cookie })).body.name).toBe('Natalie Name')
  const empty = await call(server.url, '/api/account', { method: 'PATCH', cookie: member.cookie, body: { name: ' ' } })
  expect(empty.status).toBe(400)
  expect(empty.body).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) })
})

test('a password change needs the current password and signs out every other session', async () => {
  const who = person('Pat Password')
  const member = await addPerson(server.url, owner, who, 'member')
  const laptop = await signIn(server.url, who)
  const change = (body: Record<string, unknown>, cookie = member.cookie) => call(server.url, '/api/account/password', { cookie, body })

  const wrong = await change({ currentPassword: 'not-the-password', newPassword: 'Another-Horse-8' })
  expect(wrong.status).toBe(400)
  expect(wrong.body.message).toBe('Your current password is not right')
  const weak = await change({ currentPassword: who.password, newPassword: 'short' })
  expect(weak.status).toBe(400)
  // Better Auth's own endpoint is closed to browsers, so no change skips the audit log.
  const direct = await call(server.url, '/api/auth/change-password', { cookie: member.cookie, body: { currentPassword: who.password, newPassword: 'Another-Horse-8' } })
  expect(direct.status).toBe(404)

  const changed = await change({ currentPassword: who.password, newPassword: 'Another-Horse-8' })
  expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  const newCookie = changed.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  expect((await call(server.url, '/api/me', { cookie: newCookie })).status).toBe(200)
  expect((await call(server.url, '/api/me', { cookie: laptop.cookie })).status).toBe(401)
  expect((await call(server.url, '/api/me', { cookie: member.cookie })).status).toBe(401)
  expect((await signIn(server.url, { email: who.email, password: 'Another-Horse-8' })).status).toBe(200)
  expect((await signIn(server.url, who)).status).toBe(401)

  const key = await createApiKey(server.url, { cookie: newCookie, person: who })
  const withKey = await call(server.url, '/api/account/password', { headers: { 'x-api-key': key }, body: { currentPassword: 'Another-Horse-8', newPassword: 'Third-Horse-99' } })
  expect(withKey.status).toBe(403)

  const audit = await call(server.url, '/api/audit?action=account.password_changed', { cookie: owner.cookie })
  const entries = audit.body.entries as Array<{ target: { id: string }; details: Record<string, unknown> }>
  expect(entries.some((e) => e.target.id === member.userId)).toBe(true)
  expect(JSON.stringify(audit.body)).not.toContain('Another-Horse-8')
})

test('an admin sees every member’s keys and revokes one, which then gets 401 on /mcp', async () => {
  const admin = await addPerson(server.url, owner, person('Ada Admin'), 'admin')
  const member = await addPerson(server.url, owner, person('Kai Keys'), 'member')
  const key = await createApiKey(server.url, member, 'kai-laptop')
  const { client } = await sdkClient(server.url, key)
  await client.close()

  expect((await call(server.url, '/api/api-keys?all=1', { cookie: member.cookie })).status).toBe(403)
  const all = await call(server.url, '/api/api-keys?all=1', { cookie: admin.cookie })
  const listed = all.body.apiKeys as Array<{ id: string; name: string; prefix: string; lastUsedAt: string | null; owner: { email: string } }>
  const theirs = listed.find((k) => k.name === 'kai-laptop')
  expect(theirs).toMatchObject({ prefix: key.slice(0, 12), owner: { email: 'kai.keys@example.com' }, lastUsedAt: expect.any(String) })
  expect(JSON.stringify(all.body)).not.toContain(key)

  // Without ?all=1 the existing rule holds: only your own keys.
  expect((await call(server.url, `/api/api-keys/${theirs?.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(404)
  expect((await call(server.url, `/api/api-keys/${theirs?.id}?all=1`, { method: 'DELETE', cookie: member.cookie })).status).toBe(403)
  expect((await call(server.url, `/api/api-keys/${theirs?.id}?all=1`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(204)

  const refused = await fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${key}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
  })
  expect(refused.status).toBe(401)
  const audit = await call(server.url, '/api/audit?action=api_key.revoked', { cookie: owner.cookie })
  expect((audit.body.entries as Array<{ target: { id: string }; actor: { email: string } }>)[0]).toMatchObject({ target: { id: theirs?.id }, actor: { email: 'ada.admin@example.com' } })
})

test('an owner issues a single-use, expiring reset link; it signs the member out; others cannot issue one', async () => {
  const who = person('Rita Reset')
  const member = await addPerson(server.url, owner, who, 'member')
  const admin = await addPerson(server.url, owner, person('Abe Admin'), 'admin')
  const issue = (userId: string, cookie = owner.cookie) => call(server.url, '/api/account/reset-links', { cookie, body: { userId } })

  expect((await issue(member.userId, member.cookie)).status).toBe(403)
  expect((await issue(member.userId, admin.cookie)).status).toBe(403)
  expect((await issue('usr_nobody')).status).toBe(404)

  const issued = await issue(member.userId)
  expect(issued.status, JSON.stringify(issued.body)).toBe(201)
  const url = String(issued.body.url)
  expect(url.startsWith(`${server.url}/reset-password/`)).toBe(true)
  const token = url.split('/').at(-1) ?? ''
  // Only a hash of the token is stored.
  expect(JSON.stringify(await sql(server.dataDir, 'SELECT identifier, value FROM verification'))).not.toContain(token)

  const reset = (newPassword: string, t = token) => call(server.url, '/api/account/reset-password', { body: { token: t, newPassword } })
  expect((await reset('weak')).status).toBe(400)
  const done = await reset('Fresh-Horse-42')
  expect(done.status, JSON.stringify(done.body)).toBe(200)
  expect((await call(server.url, '/api/me', { cookie: member.cookie })).status).toBe(401)
  expect((await signIn(server.url, { email: who.email, password: 'Fresh-Horse-42' })).status).toBe(200)
  const again = await reset('Other-Horse-43')
  expect(again.status).toBe(410)
  expect(again.body).toMatchObject({ code: 'GONE', requestId: expect.any(String) })

  const second = await issue(member.userId)
  await sql(server.dataDir, 'UPDATE verification SET expires_at = ? WHERE value = ?', [Date.now() - 1000, member.userId])
  expect((await reset('Late-Horse-44', String(second.body.url).split('/').at(-1))).status).toBe(410)
  expect((await signIn(server.url, { email: who.email, password: 'Late-Horse-44' })).status).toBe(401)

  const audit = await call(server.url, '/api/audit?action=account.password_reset_issued', { cookie: owner.cookie })
  expect((audit.body.entries as unknown[]).length).toBe(2)
  expect(JSON.stringify(audit.body)).not.toContain(token)
})
