// The Worker target beside the container, in one run: MCP `execute` of `return 1 + 1` and of a
// program making 10 tool calls (executor.echo), p50 and p99 over sequential calls on one session;
// then, on a Worker with Access configured, a CORS preflight and a request without a token.
// The Worker runs under `wrangler dev` (workerd on loopback, local D1, dev auth, a Durable Object
// per MCP session); the container is the Bun build. Both from `npm run bench` after both builds.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { devNull, tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const wrangler = join(root, 'node_modules/.bin/wrangler')
const ROUNDS = 100
const TEN_CALLS = 'let n = 0\nfor (let i = 0; i < 10; i++) n += (await tools.executor.echo({ i })).i\nreturn n'
// The project's own Node 22 first on PATH, as for every script it runs.
const path = `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`
const offline = { PATH: path, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', NO_UPDATE_NOTIFIER: '1' }

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function runToEnd(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(wrangler, args, { cwd: root, stdio: 'ignore', env: { ...process.env, ...offline } })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} exited ${code}`))))
  })
}

async function startWorker(vars = { ENABLE_DEV_AUTH: 'true' }) {
  const persistDir = mkdtempSync(join(tmpdir(), 'executor-bench-worker-'))
  try {
    await runToEnd(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir, '-c', 'wrangler.toml', '--env-file', devNull])
  } catch (error) {
    rmSync(persistDir, { recursive: true, force: true })
    throw error
  }
  const [port, inspector] = [await freePort(), await freePort()]
  const child = spawn(
    wrangler,
    ['dev', '-c', '.output-worker/server/wrangler.json', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector),
      '--persist-to', persistDir, '--show-interactive-dev-session=false', '--env-file', devNull,
      '--var', 'EXECUTOR_SECRET_KEY:bench-worker-secret-key-0123456789',
      ...Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`])],
    { cwd: root, stdio: 'ignore', env: { ...process.env, ...offline }, detached: true },
  )
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {}
    if (Date.now() > deadline) throw new Error('wrangler dev did not become healthy in 60 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      await new Promise((r) => setTimeout(r, 500))
      rmSync(persistDir, { recursive: true, force: true })
    },
  }
}

async function measure(session, timedExecute, percentile) {
  for (let i = 0; i < 20; i++) await timedExecute(session, 'return 1 + 1')
  const bare = []
  const tenCalls = []
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await timedExecute(session, 'return 1 + 1'))
    tenCalls.push(await timedExecute(session, TEN_CALLS))
  }
  const line = (xs) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`
  return { bare: line(bare), tenCalls: line(tenCalls) }
}

/** OPTIONS /mcp and a POST /mcp without an Access token (401), each sequential xROUNDS. */
async function measureRefusals(percentile) {
  // Nothing fetches the key set: a request without a token is refused before any key is needed.
  const worker = await startWorker({ ACCESS_TEAM_DOMAIN: 'bench.cloudflareaccess.com', ACCESS_AUD: 'bench-aud', ACCESS_CERTS_URL: 'http://127.0.0.1:9/certs' })
  const timed = async (init, status) => {
    const started = performance.now()
    const response = await fetch(`${worker.url}/mcp`, init)
    await response.arrayBuffer()
    if (response.status !== status) throw new Error(`${init.method} /mcp answered ${response.status}, not ${status}`)
    return performance.now() - started
  }
  const preflight = { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' } }
  const unauthenticated = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' }
  try {
    const samples = { preflight: [], unauthenticated: [] }
    for (let i = 0; i < 20; i++) {
      await timed(preflight, 204)
      await timed(unauthenticated, 401)
    }
    for (let i = 0; i < ROUNDS; i++) {
      samples.preflight.push(await timed(preflight, 204))
      samples.unauthenticated.push(await timed(unauthenticated, 401))
    }
    const line = (xs) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`
    return { preflight: line(samples.preflight), unauthenticated: line(samples.unauthenticated) }
  } finally {
    await worker.stop()
  }
}

export async function measureWorker({ serverWithOwner, mcpSession, timedExecute, percentile, stop }) {
  if (!existsSync(join(root, '.output-worker/server/wrangler.json'))) {
    console.log('Worker vs container: skipped (run `npm run build:cloudflare` first)')
    return
  }
  const { server, key } = await serverWithOwner()
  const containerSession = await mcpSession(server.url, key)
  const container = await measure(containerSession, timedExecute, percentile)
  await containerSession.close()
  await stop(server)
  const worker = await startWorker()
  try {
    // Dev auth signs every loopback request in as the dev owner; the bearer is ignored.
    const workerSession = await mcpSession(worker.url, 'unused-with-dev-auth')
    const onWorker = await measure(workerSession, timedExecute, percentile)
    await workerSession.close()
    console.log(
      [
        `Worker (wrangler dev) vs container (Bun), MCP execute on one session, sequential x${ROUNDS}:`,
        `  return 1 + 1      container ${container.bare} | Worker ${onWorker.bare}`,
        `  10 tool calls     container ${container.tenCalls} | Worker ${onWorker.tenCalls}`,
      ].join('\n'),
    )
  } finally {
    await worker.stop()
  }
  const refusals = await measureRefusals(percentile)
  console.log(
    [
      `Worker (wrangler dev, Access configured), sequential x${ROUNDS}:`,
      `  OPTIONS /mcp              ${refusals.preflight}`,
      `  POST /mcp without token   ${refusals.unauthenticated}`,
    ].join('\n'),
  )
}
