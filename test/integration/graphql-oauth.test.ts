// A GraphQL endpoint that takes OAuth access tokens, on the built container: an OAuth connection
// authorized in a (hand-driven) browser flow, calls carrying its token, and a 401 from the endpoint
// for a token it stopped accepting: the token is marked expired, so the next call refreshes it once
// and succeeds.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOAuthFixture, type OAuthFixture } from '~/server/connections/oauth/oauth-fixture-server'
import { FIXTURE_SDL, startGraphQlFixture, type GraphQlFixture } from '~/server/integrations/graphql/graphql-fixture'
import { call, claimOwner, createApiKey, person, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { followAuthorization } from '../harness/oauth'
import { stopAll } from '../harness/process'

let fixture: OAuthFixture
let graphql: GraphQlFixture
let server: BunServer
let owner: Session
let apiKey: string

beforeAll(async () => {
  fixture = await startOAuthFixture()
  graphql = await startGraphQlFixture({ checkToken: (token) => fixture.checkAccessToken(token) !== undefined })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Gwen Owner'))
  apiKey = await createApiKey(server.url, owner)
})
afterAll(async () => {
  await stopAll()
  await Promise.all([graphql?.close(), fixture?.close()])
})

async function execute(code: string) {
  const result = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${apiKey}`, origin: server.url }, body: { code } })
  return result.body as { status: string; result?: unknown; error?: { message?: string } }
}

test('a 401 from a GraphQL endpoint marks the OAuth token expired: one refresh, and the next call succeeds', async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'graphql', slug: 'gql', document: FIXTURE_SDL, baseUrl: graphql.url } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const created = await call(server.url, '/api/integrations/gql/connections', {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'oauth2', grant: 'authorization_code', issuer: fixture.issuer, scopes: ['read'] } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const page = await followAuthorization(server.url, String(created.body.authorizeUrl), owner.cookie)
  expect(page.text).toContain('data-outcome="connected"')

  const first = await execute(`const r = await tools.gql.query.viewer({ select: 'login' }); return r.data.viewer.login`)
  expect(first, JSON.stringify(first)).toMatchObject({ status: 'completed', result: 'octo' })

  fixture.expireAccessTokens()
  const before = fixture.refreshGrants
  const refused = await execute(`return await tools.gql.query.viewer({ select: 'login' })`)
  expect(refused.status).toBe('failed')
  expect(refused.error?.message).toContain('401')
  expect(fixture.refreshGrants - before).toBe(0)

  const results = await Promise.all([1, 2, 3].map(() => execute(`const r = await tools.gql.query.viewer({ select: 'login' }); return r.data.viewer.login`)))
  expect(results, JSON.stringify(results)).toMatchObject([1, 2, 3].map(() => ({ status: 'completed', result: 'octo' })))
  expect(fixture.refreshGrants - before).toBe(1)
  expect(graphql.requests.at(-1)).toMatch(/^Bearer at_/)
})
