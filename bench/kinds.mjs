// GraphQL and remote MCP figures on the built container: the per-call overhead of a `tools.*`
// call to each kind's loopback fixture (100 sequential calls in one program vs `return 1`),
// compared with calling the same fixture directly with its own client, and how long refreshing
// the tool list of a 1,000-tool MCP server takes. The fixtures run in a Bun process of their own
// (bench/kinds-fixtures.ts) and the direct calls in another (bench/kinds-direct.ts), so both sides
// run in Bun, each apart from the fixtures. BENCH_MCP_PAGE_SIZE sets the tools per tools/list
// page of the 1,000-tool server (default 100).
import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'

const root = join(import.meta.dirname, '..')
const bun = join(root, 'node_modules/.bin/bun')
const CALLS = 100
const ROUNDS = 30
const REFRESHES = 7
/** tools per tools/list page of the 1,000-tool server */
const PAGE_SIZE = Number(process.env.BENCH_MCP_PAGE_SIZE ?? 100)

/** Starts bench/kinds-fixtures.ts; `stats()` asks it what its fixtures saw. */
async function startFixtures() {
  const child = spawn(bun, ['bench/kinds-fixtures.ts', String(PAGE_SIZE)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextLine = async () => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the fixtures process ended')
    return JSON.parse(value)
  }
  const urls = await nextLine()
  return {
    ...urls,
    stats: async () => {
      child.stdin.write('stats\n')
      return nextLine()
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.stdin.end()
      }),
  }
}

async function direct(args) {
  const { stdout } = await promisify(execFile)(bun, ['bench/kinds-direct.ts', ...args], { cwd: root, encoding: 'utf8' })
  return JSON.parse(stdout)
}

async function addIntegration(server, post, headers, body) {
  const added = await (await post(server.url, '/api/integrations', body, headers)).json()
  if (added.status !== 'ready') throw new Error(`${body.slug}: ${added.status} ${added.statusMessage}`)
  return added
}

export async function measureKinds({ serverWithOwner, post, mcpSession, percentile, stop }) {
  const fixtures = await startFixtures()
  try {
    const { server, key } = await serverWithOwner({ EXECUTOR_ALLOW_LOCAL_NETWORK: 'true' })
    const headers = { authorization: `Bearer ${key}` }
    try {
      await perCallOverhead({ server, key, headers, post, mcpSession, percentile, fixtures })
      await refreshBigServer({ server, post, headers, fixtures, percentile })
    } finally {
      await stop(server)
    }
  } finally {
    await fixtures.close()
  }
}

/** One line per kind: tools.* calls to its fixture vs the same calls made directly. */
async function perCallOverhead({ server, key, headers, post, mcpSession, percentile, fixtures }) {
  await addIntegration(server, post, headers, { kind: 'graphql', slug: 'code', url: fixtures.graphql })
  await addIntegration(server, post, headers, { kind: 'mcp', slug: 'assistant', url: fixtures.mcp })
  const client = await mcpSession(server.url, key)
  const run = async (code) => {
    const started = performance.now()
    const result = await client.callTool({ name: 'execute', arguments: { code } })
    if (result.isError || result.structuredContent?.status !== 'completed') throw new Error(`execute failed: ${JSON.stringify(result.structuredContent ?? result)}`)
    return performance.now() - started
  }
  /** p50 of a program making CALLS calls, minus p50 of `return 1`, per call (interleaved). */
  const perToolCall = async (calls) => {
    for (let i = 0; i < 5; i++) await run(calls) // warm-up
    const withCalls = []
    const baseline = []
    for (let i = 0; i < ROUNDS; i++) {
      withCalls.push(await run(calls))
      baseline.push(await run('return 1'))
    }
    return (percentile(withCalls, 50) - percentile(baseline, 50)) / CALLS
  }
  const line = (what, viaTools, viaDirect, how) =>
    `${what}, ${CALLS} sequential calls per program: ${(viaTools * 1000).toFixed(0)} µs per call vs ${(viaDirect * 1000).toFixed(0)} µs per direct call (${how}, Bun) → ${((viaTools - viaDirect) * 1000).toFixed(0)} µs added at p50  [target < 1000 µs]`

  const mcpTools = await perToolCall(`let n = 0\nfor (let i = 1; i <= ${CALLS}; i++) n += (await tools.assistant.echo({ message: 'm' + i })).structuredContent.length\nreturn n`)
  const mcpDirect = percentile(await direct(['mcp', fixtures.mcp, String(CALLS), String(ROUNDS)]), 50) / CALLS
  console.log(line('tools.assistant.echo against the loopback MCP fixture', mcpTools, mcpDirect, 'SDK Client, one streamable HTTP session, callTool'))

  const graphqlTools = await perToolCall(`let n = 0\nfor (let i = 1; i <= ${CALLS}; i++) n += (await tools.code.query.repo({ id: 'R1', select: '{ id name stars }' })).data.repo.stars\nreturn n`)
  // The direct side sends exactly what Executor sent: the query and variables the fixture saw.
  const { lastGraphqlOperation: sent } = await fixtures.stats()
  const request = JSON.stringify({ query: sent.query, variables: sent.variables })
  const graphqlDirect = percentile(await direct(['graphql', fixtures.graphql, String(CALLS), String(ROUNDS), request]), 50) / CALLS
  console.log(line('tools.code.query.repo against the loopback GraphQL fixture', graphqlTools, graphqlDirect, 'fetch POST of the same query and variables'))
  await client.close()
}

/** POST /api/integrations/:id/refresh on the 1,000-tool server, until ready: time and tools/list pages read. */
async function refreshBigServer({ server, post, headers, fixtures, percentile }) {
  const started = performance.now()
  const added = await addIntegration(server, post, headers, { kind: 'mcp', slug: 'big', url: fixtures.bigMcp })
  const addMs = performance.now() - started
  const times = []
  const pages = []
  for (let i = 0; i < REFRESHES; i++) {
    const before = (await fixtures.stats()).bigToolLists
    const t = performance.now()
    let view = await (await post(server.url, `/api/integrations/${added.id}/refresh`, {}, headers)).json()
    while (view.status === 'importing') {
      await new Promise((resolve) => setTimeout(resolve, 20))
      view = await (await fetch(`${server.url}/api/integrations/${added.id}`, { headers })).json()
    }
    times.push(performance.now() - t)
    if (view.status !== 'ready' || view.toolCount !== fixtures.bigTools) throw new Error(`refresh: ${view.status} ${view.toolCount} ${view.statusMessage}`)
    pages.push((await fixtures.stats()).bigToolLists - before)
  }
  console.log(
    `refresh of a ${fixtures.bigTools}-tool MCP server (${fixtures.bigPageSize} tools per tools/list page), POST /api/integrations/:id/refresh until ready, x${REFRESHES}: ` +
      `median ${percentile(times, 50).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms; ${pages[0]} tools/list pages per refresh; adding it took ${addMs.toFixed(0)} ms`,
  )
}
