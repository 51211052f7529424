// GraphQL integrations on the Worker target under `wrangler dev` (local D1, dev auth): graphql-js
// introspects, converts and validates inside workerd. The real GraphQL server on loopback wants
// a bearer token: the import by URL fails without one, a connection and a refresh make it ready,
// and a program over /mcp calls a query with a selection set and meets one refused locally.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startGraphQlFixture, type GraphQlFixture } from '~/server/integrations/graphql/graphql-fixture'
import { call } from '../harness/accounts'
import { settleImport } from '../harness/integration-import'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

const TOKEN = 'ghp_worker_fixture_token_31'
let worker: WorkerServer
let fixture: GraphQlFixture

beforeAll(async () => {
  fixture = await startGraphQlFixture({ token: TOKEN })
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } })
})
afterAll(async () => {
  await stopAll()
  await fixture?.close()
})

type Result = { structuredContent?: Record<string, unknown>; isError?: boolean }

test('on the Worker, a GraphQL endpoint is introspected with a connection and called with a validated selection', async () => {
  const added = await settleImport(worker.url, (await call(worker.url, '/api/integrations', { body: { kind: 'graphql', slug: 'gh', url: fixture.url } })).body)
  expect(added, worker.logs().slice(-2000)).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('needs a credential') })
  const created = await call(worker.url, '/api/integrations/gh/connections', { body: { name: 'main', scope: 'org', auth: { type: 'bearer', token: TOKEN } } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const refreshed = await settleImport(worker.url, (await call(worker.url, '/api/integrations/gh/refresh', { method: 'POST' })).body)
  expect(refreshed, worker.logs().slice(-2000)).toMatchObject({ status: 'ready', toolCount: 10 })

  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  try {
    const result = (await mcp.client.callTool({
      name: 'execute',
      arguments: {
        code: `const repo = await tools.gh.query.repo({ id: 'R1', select: 'name owner { login }' })
               let refused
               try { await tools.gh.query.repo({ id: 'R1', select: '{ nope }' }) } catch (e) { refused = e.message }
               return { repo: repo.data.repo, refused }`,
      },
    })) as Result
    expect(result.isError, JSON.stringify(result)).toBeFalsy()
    expect(result.structuredContent).toMatchObject({
      status: 'completed',
      result: { repo: { name: 'hello-world', owner: { login: 'octo' } }, refused: expect.stringContaining('Cannot query field "nope" on type "Repo"') },
    })
  } finally {
    await mcp.close()
  }
  expect(fixture.operations.filter((op) => op.query.includes('nope'))).toEqual([])
})
