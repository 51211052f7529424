// An OpenAPI description whose oauth2 scheme names its authorization code flow (endpoints and
// scopes), on the built container: a connection with no settings takes the flow's endpoints and
// scopes, finds the server's metadata at the token endpoint's origin, and since that server takes
// client ID metadata documents, uses Executor's document URL as its client ID (no registration);
// the authorization server fetches that document from Executor before approving, and tokens are
// then granted and refreshed as a public client.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOAuthFixture, type OAuthFixture } from '~/server/connections/oauth/oauth-fixture-server'
import { call, claimOwner, createApiKey, person, sql, type Session } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { followAuthorization } from '../harness/oauth'
import { stopAll } from '../harness/process'

let fixture: OAuthFixture
let server: BunServer
let owner: Session
let apiKey: string

function openApi(fixtureUrl: string) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Flows', version: '1' },
    servers: [{ url: `${fixtureUrl}/api` }],
    components: {
      securitySchemes: {
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: `${fixtureUrl}/authorize`,
              tokenUrl: `${fixtureUrl}/token`,
              scopes: { read: 'Read things', write: 'Change things' },
            },
          },
        },
      },
    },
    security: [{ oauth: ['read'] }],
    paths: { '/me': { get: { operationId: 'getMe', responses: { '200': { description: 'ok' } } } } },
  })
}

beforeAll(async () => {
  fixture = await startOAuthFixture({ clientMetadataDocuments: true })
  server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  owner = await claimOwner(server.url, person('Flo Owner'))
  apiKey = await createApiKey(server.url, owner)
})
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

async function execute(code: string) {
  const result = await call(server.url, '/api/executions', { headers: { authorization: `Bearer ${apiKey}`, origin: server.url }, body: { code } })
  return result.body as { status: string; result?: unknown; error?: { message?: string } }
}

test("the OpenAPI flow pre-fills endpoints and scopes, and the client ID is Executor's metadata document", async () => {
  const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body: { kind: 'openapi', slug: 'flows', document: openApi(fixture.url) } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  const tokenRequestsBefore = fixture.tokenRequests.length

  const created = await call(server.url, '/api/integrations/flows/connections', {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'oauth2', grant: 'authorization_code' } },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const documentUrl = `${server.url}/api/oauth/client-metadata.json`
  expect(created.body).toMatchObject({
    status: 'pending',
    auth: {
      registration: 'metadata_document',
      clientId: documentUrl,
      tokenEndpointAuthMethod: 'none',
      authorizationEndpoint: `${fixture.url}/authorize`,
      tokenEndpoint: `${fixture.url}/token`,
      scopes: ['read', 'write'],
    },
  })
  const authorizeUrl = new URL(String(created.body.authorizeUrl))
  expect(authorizeUrl.searchParams.get('client_id')).toBe(documentUrl)
  expect(authorizeUrl.searchParams.get('scope')).toBe('read write')

  const page = await followAuthorization(server.url, authorizeUrl.toString(), owner.cookie)
  expect(page.text).toContain('data-outcome="connected"')
  expect(fixture.clientMetadataFetched).toEqual([documentUrl])
  expect(fixture.tokenRequests.at(-1)).toMatchObject({ grant_type: 'authorization_code', client_id: documentUrl })
  expect(fixture.tokenRequests.length - tokenRequestsBefore).toBe(1)

  const result = await execute('const r = await tools.flows.me.getMe(); return r.data')
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'completed', result: { ok: true, client: documentUrl, scope: 'read write' } })

  await sql(server.dataDir, `update connection set auth_config = json_set(auth_config, '$.expiresAt', '2000-01-01T00:00:00.000Z') where id = ?`, [String(created.body.id)])
  const before = fixture.refreshGrants
  const refreshed = await execute('const r = await tools.flows.me.getMe(); return r.data.ok')
  expect(refreshed, JSON.stringify(refreshed)).toMatchObject({ status: 'completed', result: true })
  expect(fixture.refreshGrants - before).toBe(1)
  expect(fixture.tokenRequests.at(-1)).toMatchObject({ grant_type: 'refresh_token', client_id: documentUrl })
})
