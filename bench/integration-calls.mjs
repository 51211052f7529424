// Integration figures on the built container: the per-call overhead of `tools.*` calling an
// OpenAPI operation (the Petstore description, against a loopback fixture) compared with a
// plain `fetch` of the same URL from this process, and catalog search over a large imported
// description from inside a program and over MCP.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const KEY = 'bench-petstore-key'

/** A loopback fixture answering GET /api/v3/pet/<id> with a small pet, checking the api_key header. */
async function startFixture() {
  const server = http.createServer((request, response) => {
    if (request.headers.api_key !== KEY) return response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad key"}')
    const id = Number(request.url?.split('/').pop())
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, name: `pet ${id}`, photoUrls: [], status: 'available' }))
  })
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}/api/v3`, close: () => new Promise((resolve) => server.close(resolve)) }
}

export async function measureIntegrationCalls({ serverWithOwner, post, mcpSession, percentile, stop }) {
  const fixture = await startFixture()
  const { server, key, cookie } = await serverWithOwner({ EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' })
  const headers = { authorization: `Bearer ${key}` }
  const document = readFileSync(join(root, 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  const added = await (await post(server.url, '/api/integrations', { kind: 'openapi', slug: 'petstore', document, baseUrl: fixture.url }, headers)).json()
  await post(server.url, `/api/integrations/${added.id}/connections`, { name: 'main', scope: 'org', auth: { type: 'apiKey', in: 'header', name: 'api_key', key: KEY } }, headers)
  void cookie

  const client = await mcpSession(server.url, key)
  const run = async (code) => {
    const started = performance.now()
    const result = await client.callTool({ name: 'execute', arguments: { code } })
    if (result.isError || result.structuredContent?.status !== 'completed') throw new Error(`execute failed: ${JSON.stringify(result.structuredContent ?? result)}`)
    return performance.now() - started
  }
  const CALLS = 100
  const withCalls = []
  const baseline = []
  const direct = []
  const calls = `let n = 0\nfor (let i = 1; i <= ${CALLS}; i++) n += (await tools.petstore.pet.getPetById({ petId: i })).data.id\nreturn n`
  for (let i = 0; i < 5; i++) await run(calls) // warm-up
  for (let i = 0; i < 30; i++) {
    withCalls.push(await run(calls))
    baseline.push(await run('return 1'))
  }
  // The direct fetches run in Bun, the server's runtime (Node's fetch is slower, which would flatter Executor).
  const script = `const out = []; for (let r = 0; r < 35; r++) { const t = performance.now(); for (let j = 1; j <= ${CALLS}; j++) await (await fetch('${fixture.url}/pet/' + j, { headers: { api_key: '${KEY}' } })).json(); out.push(performance.now() - t) } console.log(JSON.stringify(out.slice(5)))`
  // Asynchronously: the fixture answering it lives in this process.
  const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/bun'), ['-e', script], { encoding: 'utf8' })
  direct.push(...JSON.parse(stdout))
  const perToolCall = (percentile(withCalls, 50) - percentile(baseline, 50)) / CALLS
  const perFetch = percentile(direct, 50) / CALLS
  console.log(
    `tools.petstore.pet.getPetById against a loopback fixture, ${CALLS} sequential calls per program: ${(perToolCall * 1000).toFixed(0)} µs per call vs ${(perFetch * 1000).toFixed(0)} µs per direct fetch → ${((perToolCall - perFetch) * 1000).toFixed(0)} µs added at p50  [target < 1000 µs]`,
  )
  await client.close()
  await stop(server)
  await fixture.close()
}

const QUERIES = ['list resources', 'create resource 12', 'archive', 'restore resource', 'export 500', 'search', 'delete resource 999', 'get resource 42', 'update', 'replace resource 7', 'resource', 'metadata', 'address', 'owner', 'status active']

/** Catalog search over a 10,000-operation integration: as tools.executor.search inside a program and as the MCP search tool. */
export async function measureSearchAtScale({ serverWithOwner, post, mcpSession, percentile, stop }) {
  const { server, key } = await serverWithOwner({})
  const headers = { authorization: `Bearer ${key}` }
  const script = "import { generatedDescription } from './server/integrations/openapi/generated-description.ts'; process.stdout.write(JSON.stringify(generatedDescription(1000)))"
  const { stdout: document } = await promisify(execFile)(join(root, 'node_modules/.bin/bun'), ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const started = performance.now()
  let added = await (await post(server.url, '/api/integrations', { kind: 'openapi', slug: 'big', document }, headers)).json()
  while (added.status === 'importing') {
    await new Promise((resolve) => setTimeout(resolve, 200))
    added = await (await fetch(`${server.url}/api/integrations/${added.id}`, { headers })).json()
  }
  const importMs = performance.now() - started
  if (added.status !== 'ready') throw new Error(`import failed: ${added.statusMessage}`)
  await post(server.url, `/api/integrations/${added.id}/connections`, { name: 'main', scope: 'org', auth: { type: 'bearer', token: 'x' } }, headers)

  // Inside a program: each call's own duration, as the execution records it.
  const calls = QUERIES.flatMap((q) => Array.from({ length: 20 }, () => q))
  const code = `for (const query of ${JSON.stringify(calls)}) await tools.executor.search({ query, limit: 20 }); return 1`
  await post(server.url, '/api/executions', { code, limits: { timeoutMs: 120_000 } }, headers) // warm-up
  const run = await (await post(server.url, '/api/executions', { code, limits: { timeoutMs: 120_000 } }, headers)).json()
  const inProgram = run.toolCalls.map((call) => call.durationMs)

  const client = await mcpSession(server.url, key)
  const overMcp = []
  for (const query of calls) {
    const t = performance.now()
    await client.callTool({ name: 'search', arguments: { query, limit: 20 } })
    overMcp.push(performance.now() - t)
  }
  await client.close()
  const line = (xs) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`
  console.log(`10,000-operation description added over HTTP (generated, 4.9 MB): ready after ${importMs.toFixed(0)} ms`)
  console.log(`search over its 10,000 tools, ${calls.length} queries: in a program (tools.executor.search) ${line(inProgram)}; over MCP (search tool, round trip) ${line(overMcp)}  [target in-process p99 < 10 ms]`)
  await stop(server)
}
