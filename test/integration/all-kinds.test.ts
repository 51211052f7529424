// One agent program that chains calls across all three kinds of integration: an OpenAPI API
// (the Petstore, with an API key), a GraphQL endpoint and a remote MCP server, each a real server
// on 127.0.0.1, through one /mcp session; history records each call with its kind's details.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startGraphQlFixture, type GraphQlFixture } from '~/server/integrations/graphql/graphql-fixture'
import { startMcpTestServer, type McpTestServer } from '~/server/integrations/mcp/mcp-test-server'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call, claimOwner, createApiKey, person } from '../harness/accounts'
import { startBunServer } from '../harness/bun-server'
import { connectMcp } from '../harness/mcp-client'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'

const PETSTORE_KEY = 'pk_all_kinds_0001'
let petstore: PetstoreServer
let graphql: GraphQlFixture
let mcp: McpTestServer

beforeAll(async () => {
  ;[petstore, graphql, mcp] = await Promise.all([startPetstoreServer({ key: PETSTORE_KEY }), startGraphQlFixture(), startMcpTestServer()])
})
afterAll(async () => {
  await stopAll()
  await Promise.all([petstore?.close(), graphql?.close(), mcp?.close()])
})

test('one program calls an OpenAPI, a GraphQL and an MCP integration in turn', async () => {
  const server = await startBunServer({ env: { EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' } })
  const owner = await claimOwner(server.url, person('Kim Owner'))
  const apiKey = await createApiKey(server.url, owner)
  const add = async (body: Record<string, unknown>) => {
    const added = await call(server.url, '/api/integrations', { cookie: owner.cookie, body })
    expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready' })
    return String(added.body.id)
  }
  const petstoreId = await add({ kind: 'openapi', slug: 'petstore', document: await readFile(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8'), baseUrl: petstore.baseUrl })
  await add({ kind: 'graphql', slug: 'code', url: graphql.url })
  await add({ kind: 'mcp', slug: 'assistant', url: mcp.url })
  const connection = await call(server.url, `/api/integrations/${petstoreId}/connections`, {
    cookie: owner.cookie,
    body: { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: PETSTORE_KEY } },
  })
  expect(connection.status).toBe(201)
  // Writes need approval by default (the approval tests cover that); these ones are allowed.
  for (const pattern of ['petstore.*.addPet', 'code.mutation.*']) {
    const allowed = await call(server.url, '/api/policies', { cookie: owner.cookie, body: { pattern, action: 'allow' } })
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201)
  }

  const session = await connectMcp(server.url, apiKey)
  const listed = await session.client.listTools()
  const description = listed.tools.find((t) => t.name === 'execute')?.description ?? ''
  for (const slug of ['petstore', 'code', 'assistant']) expect(description).toContain(`- ${slug}:`)
  const result = (await session.client.callTool({
    name: 'execute',
    arguments: {
      code: `
        const pet = await tools.petstore.pet.addPet({ body: { name: 'Rex', photoUrls: [], status: 'available' } })
        const repo = await tools.code.mutation.createRepo({ input: { name: pet.data.name.toLowerCase() + '-repo' }, select: '{ id name status }' })
        const echoed = await tools.assistant.echo({ message: repo.data.createRepo.name })
        const found = await tools.executor.search({ query: 'echo message' })
        return { pet: pet.data.name, repo: repo.data.createRepo, echo: echoed.structuredContent, firstHit: found[0].path }`,
    },
  })) as { structuredContent?: Record<string, unknown> }
  await session.close()
  expect(result.structuredContent, JSON.stringify(result)).toMatchObject({
    status: 'completed',
    result: { pet: 'Rex', repo: { name: 'rex-repo', status: 'OPEN' }, echo: { message: 'rex-repo', length: 8 }, firstHit: 'assistant.echo' },
  })
  // The GraphQL call sent the name as a variable, never inside the query text.
  const createRepo = graphql.operations.find((o) => o.query.includes('createRepo'))
  expect(createRepo?.query).not.toContain('rex-repo')
  expect(JSON.stringify(createRepo?.variables)).toContain('rex-repo')

  const history = await call(server.url, `/api/executions/${String(result.structuredContent?.executionId)}`, { cookie: owner.cookie })
  expect(history.body.toolCalls).toEqual([
    expect.objectContaining({ path: 'petstore.pet.addPet', integration: 'petstore', connection: 'org.main', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'code.mutation.createRepo', integration: 'code', connection: 'org.main', method: 'POST', httpStatus: 200 }),
    expect.objectContaining({ path: 'assistant.echo', integration: 'assistant', connection: 'org.main', method: 'tools/call' }),
    expect.objectContaining({ path: 'executor.search' }),
  ])
})
