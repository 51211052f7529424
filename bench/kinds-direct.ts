// The direct side of the GraphQL and MCP per-call benchmarks (bench/kinds.mjs), run by Bun (the
// container's runtime) in a process of its own, apart from the fixtures as Executor is:
// `mcp <url> <calls> <rounds>` calls the fixture's echo tool with the SDK's Client over one
// streamable HTTP session; `graphql <url> <calls> <rounds> <request JSON>` POSTs the request with
// fetch. Prints the duration of each round of `calls` sequential calls (after a few warm-up rounds)
// as one JSON array.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

const WARM_UP_ROUNDS = 5
const [mode, url = '', callsText = '100', roundsText = '30', requestText = '{}'] = process.argv.slice(2)
const calls = Number(callsText)
const rounds = Number(roundsText)

async function timeRounds(call: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = []
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    const started = performance.now()
    for (let i = 1; i <= calls; i++) await call(i)
    if (round >= WARM_UP_ROUNDS) times.push(performance.now() - started)
  }
  return times
}

if (mode === 'mcp') {
  const client = new Client({ name: 'bench-direct', version: '1' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url)))
  const times = await timeRounds(async (i) => {
    const result = await client.callTool({ name: 'echo', arguments: { message: `m${i}` } })
    if (result.isError) throw new Error(`echo failed: ${JSON.stringify(result)}`)
  })
  await client.close()
  console.log(JSON.stringify(times))
} else if (mode === 'graphql') {
  const body = requestText
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' }
  const times = await timeRounds(async () => {
    const answer = (await (await fetch(url, { method: 'POST', headers, body })).json()) as { errors?: unknown }
    if (answer.errors) throw new Error(`query failed: ${JSON.stringify(answer.errors)}`)
  })
  console.log(JSON.stringify(times))
} else {
  throw new Error(`unknown mode ${mode}: mcp or graphql`)
}
