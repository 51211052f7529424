// Where the server spends an MCP `execute` call: the server (EXECUTOR_SERVER_TIMING=true) sends a
// `Server-Timing` header with each response, the client transport's `fetch` hook reads it, and
// this prints the median of each stage next to the client-side latency.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

const STAGES = [
  ['auth', 'authentication'],
  ['sandbox', 'sandbox (open + run)'],
  ['history', 'history writes'],
  ['mcp', 'MCP transport'],
  ['route', 'routing + logging'],
  ['total', 'total server time'],
]
const WARM_UP = 50
const RUNS = Number(process.env.BENCH_EXECUTE_RUNS ?? 500)

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]

function parseServerTiming(header) {
  const stages = {}
  for (const entry of header?.split(',') ?? []) {
    const [name, ...params] = entry.trim().split(';')
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='))
    if (name && dur) stages[name] = Number(dur.slice(4))
  }
  return stages
}

export async function printExecuteStages(url, key) {
  let lastTiming = null
  const observe = async (input, init) => {
    const response = await fetch(input, init)
    lastTiming = response.headers.get('server-timing')
    return response
  }
  const client = new Client({ name: 'bench-stages', version: '1' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
      fetch: observe,
    }),
  )
  const run = async () => {
    lastTiming = null
    const started = performance.now()
    const result = await client.callTool({ name: 'execute', arguments: { code: 'return 1 + 1' } })
    const ms = performance.now() - started
    if (result.isError) throw new Error(`execute failed: ${JSON.stringify(result.structuredContent)}`)
    const stages = parseServerTiming(lastTiming)
    if (stages.total === undefined) throw new Error('no Server-Timing header: is EXECUTOR_SERVER_TIMING=true?')
    return { ms, stages }
  }
  for (let i = 0; i < WARM_UP; i++) await run()
  const samples = []
  for (let i = 0; i < RUNS; i++) samples.push(await run())
  await client.close()

  const client50 = percentile(samples.map((s) => s.ms), 50)
  const client99 = percentile(samples.map((s) => s.ms), 99)
  console.log(`MCP execute "return 1 + 1" with Server-Timing, sequential x${RUNS}: client p50 ${client50.toFixed(2)} ms, p99 ${client99.toFixed(2)} ms; server stages (p50 / p99):`)
  for (const [name, label] of STAGES) {
    const xs = samples.map((s) => s.stages[name] ?? 0)
    const target = name === 'total' ? '  [target p50 < 2.5 ms]' : ''
    console.log(`  ${label.padEnd(22)} ${percentile(xs, 50).toFixed(3)} ms / ${percentile(xs, 99).toFixed(3)} ms${target}`)
  }
}
