// `npm run bench`: prints figures for the container build; targets live here, not in tests.
// Cold start = process spawn to the first healthy /api/health; throughput = /api/health at
// 32 concurrent connections. Everything runs on 127.0.0.1.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync as readFile } from 'node:fs'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import autocannon from 'autocannon'
import { measureCatalogSearch } from './catalog-search.mjs'
import { measureImport } from './import.mjs'
import { measureIntegrationCalls, measureSearchAtScale } from './integration-calls.mjs'
import { measureKinds } from './kinds.mjs'
import { measureApprovals } from './approvals.mjs'
import { measureWorker } from './worker.mjs'
import { printExecuteStages } from './execute-stages.mjs'
import { formatFirstLoad, measureFirstLoad } from './first-load.mjs'

const root = join(import.meta.dirname, '..')
const bun = join(root, 'node_modules/.bin/bun')
const COLD_RUNS = 7
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startServer(dataDir, extraEnv = {}) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(bun, ['.output/server/index.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), EXECUTOR_HOST: '127.0.0.1', EXECUTOR_DATA_DIR: dataDir, NODE_ENV: 'production', EXECUTOR_WEB_BASE_URL: `http://127.0.0.1:${port}`, ...extraEnv },
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 2))
  }
  const ms = performance.now() - started
  const stop = () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM') })
  return { url, ms, stop, pid: child.pid }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms) => `${ms.toFixed(0)} ms`

async function coldStart() {
  const fresh = []
  const restart = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'executor-bench-'))
    const first = await startServer(dataDir)
    fresh.push(first.ms)
    await first.stop()
    const second = await startServer(dataDir)
    restart.push(second.ms)
    await second.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`cold start, new data dir (keys + migrations + seed): median ${fmt(median(fresh))}, min ${fmt(Math.min(...fresh))}, max ${fmt(Math.max(...fresh))}  [target < 1000 ms]`)
  console.log(`cold start, existing data dir:                        median ${fmt(median(restart))}, min ${fmt(Math.min(...restart))}, max ${fmt(Math.max(...restart))}  [target < 1000 ms]`)
}

async function throughput() {
  const dataDir = mkdtempSync(join(tmpdir(), 'executor-bench-'))
  const server = await startServer(dataDir)
  await autocannon({ url: `${server.url}/api/health`, connections: 32, duration: 2 }) // warm-up
  const result = await autocannon({ url: `${server.url}/api/health`, connections: 32, duration: DURATION_S })
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
  const errors = result.errors + result.non2xx
  console.log(`GET /api/health, 32 connections, ${DURATION_S} s: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${errors} errors  [target > 5000 req/s]`)
}

const { readFileSync } = await import('node:fs')
const bunVersion = JSON.parse(readFileSync(join(root, 'node_modules/bun/package.json'), 'utf8')).version
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]

async function post(url, path, body, headers = {}) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response
}

/** A fresh server with an owner account and an API key. */
async function serverWithOwner(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'executor-bench-'))
  const server = await startServer(dataDir, extraEnv)
  const owner = { name: 'Bench', email: 'bench@example.com', password: 'Correct-Horse-7' }
  const signedUp = await post(server.url, '/api/auth/sign-up/email', owner)
  const cookie = signedUp.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { key } = await (await post(server.url, '/api/api-keys', { name: 'bench' }, { cookie })).json()
  return { dataDir, server, owner, key, cookie }
}

async function accounts() {
  const { dataDir, server, owner, key } = await serverWithOwner()

  const signIns = []
  for (let i = 0; i < 40; i++) {
    const started = performance.now()
    await post(server.url, '/api/auth/sign-in/email', { email: owner.email, password: owner.password })
    signIns.push(performance.now() - started)
  }
  console.log(`POST /api/auth/sign-in/email, sequential x${signIns.length}: p50 ${signIns.length && percentile(signIns, 50).toFixed(1)} ms, p90 ${percentile(signIns, 90).toFixed(1)} ms`)

  const headers = { authorization: `Bearer ${key}` }
  await autocannon({ url: `${server.url}/api/me`, headers, connections: 32, duration: 2 })
  const result = await autocannon({ url: `${server.url}/api/me`, headers, connections: 32, duration: DURATION_S })
  const errors = result.errors + result.non2xx
  console.log(`GET /api/me with an API key, 32 connections, ${DURATION_S} s: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${errors} errors`)
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

function rssMiB(pid) {
  const line = readFile(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024
}

async function mcpSession(url, key) {
  const client = new Client({ name: 'bench', version: '1' })
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }))
  return client
}

async function timedExecute(client, code) {
  const started = performance.now()
  const result = await client.callTool({ name: 'execute', arguments: { code } })
  if (result.isError) throw new Error(`execute failed: ${JSON.stringify(result.structuredContent)}`)
  return performance.now() - started
}

async function mcp() {
  const { dataDir, server, key } = await serverWithOwner()
  const client = await mcpSession(server.url, key)

  const first = []
  for (let i = 0; i < 50; i++) first.push(await timedExecute(client, 'return 1 + 1'))
  const sequential = []
  for (let i = 0; i < 500; i++) sequential.push(await timedExecute(client, 'return 1 + 1'))
  console.log(`MCP execute "return 1 + 1", one session, sequential x500: p50 ${percentile(sequential, 50).toFixed(2)} ms, p99 ${percentile(sequential, 99).toFixed(2)} ms  [target p50 < 5 ms]`)
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
  const ratio = mean(first) / mean(sequential)
  console.log(`MCP execute, first 50 calls on a fresh server: mean ${mean(first).toFixed(2)} ms, p50 ${percentile(first, 50).toFixed(2)} ms, max ${Math.max(...first).toFixed(1)} ms vs warm mean ${mean(sequential).toFixed(2)} ms → ${ratio.toFixed(2)}×  [target ≤ 1.5×]`)

  const sessions = await Promise.all(Array.from({ length: 16 }, () => mcpSession(server.url, key)))
  let completed = 0
  const until = performance.now() + DURATION_S * 1000
  await Promise.all(sessions.map(async (session) => {
    while (performance.now() < until) {
      await timedExecute(session, 'return 1 + 1')
      completed++
    }
  }))
  console.log(`MCP execute, 16 concurrent sessions, ${DURATION_S} s: ${Math.round(completed / DURATION_S)} executions/s`)
  await Promise.all(sessions.map((s) => s.close()))

  const hundredCalls = 'let n = 0\nfor (let i = 0; i < 100; i++) n += (await tools.executor.echo({ i })).i\nreturn n'
  const withCalls = []
  const baseline = []
  for (let i = 0; i < 30; i++) {
    withCalls.push(await timedExecute(client, hundredCalls))
    baseline.push(await timedExecute(client, 'return 1 + 1'))
  }
  const perCall = (percentile(withCalls, 50) - percentile(baseline, 50)) / 100
  console.log(`100 sequential echo tool calls in one program: p50 ${percentile(withCalls, 50).toFixed(2)} ms vs ${percentile(baseline, 50).toFixed(2)} ms without → ${(perCall * 1000).toFixed(0)} µs per tool call  [target < 200 µs]`)

  const before = rssMiB(server.pid)
  for (let i = 0; i < 1000; i++) await timedExecute(client, `const xs = Array.from({ length: 1000 }, (_, i) => i * ${i}); return xs.length`)
  const after = rssMiB(server.pid)
  console.log(`RSS across 1,000 executions: ${before.toFixed(1)} MiB → ${after.toFixed(1)} MiB (${(after - before).toFixed(1)} MiB growth)  [target < 20 MiB]`)

  await client.close()
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

/** /api/health latency idle, then while four programs spin in `while (true) {}` for 5 s. */
async function healthUnderLoad() {
  const { dataDir, server, key } = await serverWithOwner()
  const sample = async (untilMs) => {
    const latencies = []
    const until = performance.now() + untilMs
    while (performance.now() < until) {
      const started = performance.now()
      await fetch(`${server.url}/api/health`)
      latencies.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 5))
    }
    return latencies
  }
  const idle = await sample(2000)
  const headers = { authorization: `Bearer ${key}` }
  const spin = { code: 'while (true) {}', limits: { timeoutMs: 5000 } }
  const spinning = Array.from({ length: 4 }, () => post(server.url, '/api/executions', spin, headers).then((r) => r.json()))
  await new Promise((r) => setTimeout(r, 200))
  const loaded = await sample(4500)
  const ended = await Promise.all(spinning)
  const line = (xs) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`
  console.log(`GET /api/health, sequential, idle:                          ${line(idle)}`)
  console.log(`GET /api/health, while 4 programs spin (timeoutMs 5000):    ${line(loaded)}  [target p99 < 20 ms]`)
  console.log(`  the 4 programs ended as: ${ended.map((e) => e.error?.kind ?? e.status).join(', ')}`)
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

/** `execute` again on a server that sends Server-Timing headers, to show where its time goes. */
async function mcpStages() {
  const { dataDir, server, key } = await serverWithOwner({ EXECUTOR_SERVER_TIMING: 'true' })
  await printExecuteStages(server.url, key)
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

async function integrations(measures) {
  for (const measure of measures) {
    let dataDir
    await measure({
      serverWithOwner: async (env) => {
        const made = await serverWithOwner(env)
        dataDir = made.dataDir
        return made
      },
      post,
      mcpSession,
      percentile,
      stop: async (server) => {
        await server.stop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    })
  }
}

// BENCH_ONLY=mcp,load runs a subset (cold, throughput, accounts, load, mcp, stages, catalog, import, integrations,
// kinds: GraphQL and remote MCP integrations, approvals, worker: the Worker under wrangler dev beside the container);
// `node bench/run.mjs execute` is BENCH_ONLY=stages.
const only = process.argv[2] === 'execute' ? ['stages'] : process.env.BENCH_ONLY?.split(',')
const wanted = (name) => !only || only.includes(name)
console.log(`Executor benchmarks (Bun ${bunVersion}, ${(await import('node:os')).cpus().length} cores)`)
if (wanted('cold')) await coldStart()
if (wanted('firstload')) console.log(formatFirstLoad(await measureFirstLoad()))
if (wanted('throughput')) await throughput()
if (wanted('accounts')) await accounts()
if (wanted('load')) await healthUnderLoad()
if (wanted('mcp')) await mcp()
if (wanted('stages')) await mcpStages()
if (wanted('catalog')) console.log(await measureCatalogSearch())
if (wanted('import')) console.log(await measureImport())
if (wanted('integrations')) await integrations([measureIntegrationCalls, measureSearchAtScale])
if (wanted('kinds')) await integrations([measureKinds])
if (wanted('approvals')) await integrations([measureApprovals])
if (wanted('worker')) await integrations([(tools) => measureWorker({ ...tools, timedExecute })])
