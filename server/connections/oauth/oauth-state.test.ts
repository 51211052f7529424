// The state store and the refresh lease against a real libSQL file.
import { expect, test } from 'vitest'
import { connection, integration, oauthState } from '~/db/schema'
import { createSecretBox } from '../../secrets/secret-box'
import { tempDatabase } from '~/test/temp-db'
import { consumeState, createState, STATE_TTL_MS } from './oauth-state'
import { readConnection, takeRefreshLease, writeTokens } from './token-store'

async function setup() {
  const { db } = await tempDatabase()
  const secrets = await createSecretBox('a-test-master-key-0123456789abcdef')
  let now = 1_000_000
  const deps = { db, secrets, now: () => now }
  const at = new Date(now)
  await db.insert(integration).values({ id: 'int_1', slug: 'api', kind: 'openapi', name: 'API', status: 'ready', createdAt: at, updatedAt: at })
  await db.insert(connection).values({
    id: 'con_1',
    integrationId: 'int_1',
    name: 'main',
    scope: 'org',
    authType: 'oauth2',
    authConfig: { type: 'oauth2', grant: 'authorization_code', clientId: 'c', registration: 'dynamic', tokenEndpointAuthMethod: 'none', tokenEndpoint: 'https://as/token', scopes: [] },
    createdAt: at,
    updatedAt: at,
  })
  return { db, deps, advance: (ms: number) => (now += ms) }
}

const pending = { connectionId: 'con_1', userId: 'u1', redirectUri: 'https://x/api/oauth/callback', codeVerifier: 'verifier-value' }

test('a state is stored hashed, consumed once, and the verifier comes back sealed-then-opened', async () => {
  const { db, deps } = await setup()
  const state = await createState(deps, pending)
  const [row] = await db.select().from(oauthState)
  expect(row!.stateHash).not.toBe(state)
  expect(row!.sealed).not.toContain('verifier-value')
  const both = await Promise.all([consumeState(deps, state), consumeState(deps, state)])
  expect(both.map((c) => c.outcome).sort()).toEqual(['ok', 'unknown'])
  expect(both.find((c) => c.outcome === 'ok')).toMatchObject({ pending })
  expect(await consumeState(deps, 'made-up')).toEqual({ outcome: 'unknown' })
})

test('a state older than 15 minutes is expired', async () => {
  const { deps, advance } = await setup()
  const state = await createState(deps, pending)
  advance(STATE_TTL_MS + 1)
  expect(await consumeState(deps, state)).toEqual({ outcome: 'expired', connectionId: 'con_1' })
})

test('one refresh lease at a time across processes; the loser sees the winner\'s version', async () => {
  const { db, deps, advance } = await setup()
  const row = (await readConnection(db, 'con_1'))!
  const leases = await Promise.all([takeRefreshLease(deps, row, 30_000), takeRefreshLease(deps, row, 30_000)])
  expect(leases.filter(Boolean)).toHaveLength(1)
  expect(await writeTokens(deps, row, {}, { access_token: 'a1', refresh_token: 'r1', expires_in: 60 })).toBe(true)
  // A write over the old version (a second refresher) is refused: the new tokens stand.
  expect(await writeTokens(deps, row, {}, { access_token: 'a2', refresh_token: 'r2' })).toBe(false)
  const after = (await readConnection(db, 'con_1'))!
  expect(after.tokenVersion).toBe(1)
  expect(after.refreshLeaseUntil).toBeNull()
  expect(JSON.parse(await deps.secrets.open(after.secret!, 'connection:con_1'))).toEqual({ accessToken: 'a1', refreshToken: 'r1' })
  // An abandoned lease expires.
  expect(await takeRefreshLease(deps, after, 30_000)).toBe(true)
  expect(await takeRefreshLease(deps, after, 30_000)).toBe(false)
  advance(30_001)
  expect(await takeRefreshLease(deps, after, 30_000)).toBe(true)
})
