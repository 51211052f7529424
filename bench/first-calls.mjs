// Where the first `execute` calls on a fresh server spend their time: each of the first calls'
// Server-Timing stages one by one, then the warm medians, to compare.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

const root = join(import.meta.dirname, '..')
const FIRST = Number(process.env.FIRST ?? 50)
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})
const dataDir = mkdtempSync(join(tmpdir(), 'executor-first-'))
const url = `http://127.0.0.1:${port}`
const child = spawn(join(root, 'node_modules/.bin/bun'), ['.output/server/index.mjs'], {
  cwd: root, stdio: process.env.SHOW_LOG ? 'inherit' : 'ignore',
  env: { ...process.env, PORT: String(port), EXECUTOR_HOST: '127.0.0.1', EXECUTOR_DATA_DIR: dataDir, NODE_ENV: 'production', EXECUTOR_WEB_BASE_URL: url, EXECUTOR_SERVER_TIMING: 'true' },
})
const t0 = performance.now()
for (;;) { try { if ((await fetch(`${url}/api/health`)).ok) break } catch {} await new Promise((r) => setTimeout(r, 2)) }
const coldMs = performance.now() - t0
const post = async (path, body, headers = {}) => {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, ...headers }, body: JSON.stringify(body) })
  if (!r.ok) throw new Error(`${path} ${r.status} ${await r.text()}`)
  return r
}
const up = await post('/api/auth/sign-up/email', { name: 'B', email: 'b@example.com', password: 'Correct-Horse-7' })
const cookie = up.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
const { key } = await (await post('/api/api-keys', { name: 'b' }, { cookie })).json()
let timing = null
const client = new Client({ name: 'first', version: '1' })
await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), {
  requestInit: { headers: { authorization: `Bearer ${key}` } },
  fetch: async (i, init) => { const r = await fetch(i, init); timing = r.headers.get('server-timing'); return r },
}))
const parse = (h) => Object.fromEntries((h ?? '').split(',').map((e) => e.trim().split(';')).map(([n, ...p]) => [n, Number(p.find((x) => x.trim().startsWith('dur='))?.trim().slice(4))]))
const run = async () => {
  const s = performance.now()
  const r = await client.callTool({ name: 'execute', arguments: { code: 'return 1 + 1' } })
  if (r.isError) throw new Error(JSON.stringify(r))
  return { ms: performance.now() - s, ...parse(timing) }
}
const first = []
for (let i = 0; i < FIRST; i++) first.push(await run())
const warm = []
for (let i = 0; i < 500; i++) warm.push(await run())
const cols = ['ms', 'auth', 'sandbox', 'history', 'mcp', 'route', 'total']
const f = (x) => (x ?? NaN).toFixed(2).padStart(7)
if (process.env.DETAIL) {
  console.log('   #' + cols.map((c) => c.padStart(7)).join(''))
  first.forEach((r, i) => console.log(String(i).padStart(4) + cols.map((c) => f(r[c])).join('')))
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
for (const [label, rows] of [['first mean', first], ['warm mean', warm]]) console.log(label.padEnd(11) + cols.map((c) => `${c} ${mean(rows.map((r) => r[c])).toFixed(2)}`).join('  '))
for (const [label, rows] of [['first p50', first], ['warm p50', warm]]) console.log(label.padEnd(11) + cols.map((c) => `${c} ${med(rows.map((r) => r[c])).toFixed(2)}`).join('  '))
console.log(`cold ${coldMs.toFixed(0)} ms; ratio first/warm mean ${(mean(first.map((r) => r.ms)) / mean(warm.map((r) => r.ms))).toFixed(2)}`)
await client.close()
await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM') })
rmSync(dataDir, { recursive: true, force: true })
