// The fixtures of the GraphQL and MCP benchmarks (bench/kinds.mjs), run by Bun in a process of their
// own because they are TypeScript with `~/` imports: the GraphQL fixture, a small MCP server and an
// MCP server with 1,000 tools. Prints their URLs as one JSON line, then answers each `stats` line
// on stdin with one JSON line (the tools/list requests the big server got, the GraphQL operations
// seen so far); stdin closing ends it.
import { createInterface } from 'node:readline'
import { startGraphQlFixture } from '~/server/integrations/graphql/graphql-fixture'
import { fixtureTools, startMcpTestServer } from '~/server/integrations/mcp/mcp-test-server'

const BIG_TOOLS = 1_000
const BIG_PAGE_SIZE = Number(process.argv[2] ?? 100)
/** the fixture's own tools, which come before its fillers */
const ownTools = fixtureTools({ sleepsCancelled: 0 }, 0).length

const [graphql, mcp, big] = await Promise.all([
  startGraphQlFixture(),
  startMcpTestServer(),
  startMcpTestServer({ fillers: BIG_TOOLS - ownTools, pageSize: BIG_PAGE_SIZE }),
])
console.log(JSON.stringify({ graphql: graphql.url, mcp: mcp.url, bigMcp: big.url, bigTools: big.toolNames().length, bigPageSize: BIG_PAGE_SIZE }))

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line.trim() !== 'stats') continue
  const toolLists = big.received.filter((method) => method === 'tools/list').length
  console.log(JSON.stringify({ bigToolLists: toolLists, graphqlOperations: graphql.operations.length, lastGraphqlOperation: graphql.operations.at(-1) ?? null }))
}
await Promise.all([graphql.close(), mcp.close(), big.close()])
process.exit(0)
