// EXECUTOR_SERVER_TIMING=true: every response says where its server time went, so the benchmark
// can print the stages of an MCP `execute`; without it nothing about internals is sent.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { claimOwner, createApiKey, person } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

let timed: BunServer
let plain: BunServer
beforeAll(async () => {
  ;[timed, plain] = await Promise.all([startBunServer({ env: { EXECUTOR_SERVER_TIMING: 'true' } }), startBunServer()])
})
afterAll(stopAll)

/** Runs `execute` over a real MCP client and returns the Server-Timing header of that call. */
async function executeTiming(server: BunServer) {
  const key = await createApiKey(server.url, await claimOwner(server.url, person('Tim Timing')))
  const headers: (string | null)[] = []
  const client = new Client({ name: 'timing-test', version: '1' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', server.url), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        headers.push(response.headers.get('server-timing'))
        return response
      },
    }),
  )
  const result = await client.callTool({ name: 'execute', arguments: { code: 'return 1 + 1' } })
  expect(result.structuredContent).toMatchObject({ status: 'completed', result: 2 })
  await client.close()
  // initialize, notifications/initialized, tools/call, DELETE: the call is the third
  return headers[2] ?? null
}

test('an MCP execute response carries its stages, which add up to the total', async () => {
  const header = await executeTiming(timed)
  const stages: Record<string, number> = Object.fromEntries(
    (header ?? '').split(', ').map((entry) => {
      const [name, dur] = entry.split(';dur=')
      return [name, Number(dur)]
    }),
  )
  expect(Object.keys(stages)).toEqual(['auth', 'sandbox', 'history', 'mcp', 'route', 'total'])
  for (const ms of Object.values(stages)) expect(ms).toBeGreaterThanOrEqual(0)
  expect(stages.sandbox).toBeGreaterThan(0)
  const { total = 0, ...parts } = stages
  expect(Object.values(parts).reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(total, 1)
})

test('no Server-Timing header unless the operator turns it on', async () => {
  expect(await executeTiming(plain)).toBeNull()
  expect((await fetch(`${plain.url}/api/health`)).headers.get('server-timing')).toBeNull()
  expect((await fetch(`${timed.url}/api/health`)).headers.get('server-timing')).toMatch(/total;dur=/)
})
