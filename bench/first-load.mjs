// First-load weight of the sign-in page: what a browser with an empty cache downloads for /login
// (the HTML and every script and stylesheet it loads), as transferred and as decoded. Measured in
// Chromium against the built container on 127.0.0.1. `npm run bench` prints it; alone:
// `node bench/first-load.mjs` after `npm run build`.
import { spawn } from 'node:child_process'
import { get } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'

const root = join(import.meta.dirname, '..')

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
  })
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'executor-bench-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(join(root, 'node_modules/.bin/bun'), ['.output/server/index.mjs'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), EXECUTOR_HOST: '127.0.0.1', EXECUTOR_DATA_DIR: dataDir, NODE_ENV: 'production', EXECUTOR_WEB_BASE_URL: url },
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 20))
  }
  const stop = async () => {
    await new Promise((done) => {
      child.once('exit', done)
      child.kill('SIGTERM')
    })
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { url, stop }
}

/** Body bytes on the wire for `url` when the client accepts `encoding` (none: identity). */
function wireBytes(url, encoding) {
  return new Promise((done, fail) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
      let bytes = 0
      response.on('data', (chunk) => (bytes += chunk.length))
      response.on('end', () => done(bytes))
    }).on('error', fail)
  })
}

const kindOf = (type) => (type === 'document' ? 'html' : type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : undefined)
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`

/** Transferred and decoded bytes of /login's HTML, JS and CSS, per kind and in total. */
export async function measureFirstLoad() {
  const server = await startServer()
  let browser
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
    })
    // An owner exists, so /login is the sign-in page rather than a redirect to /setup.
    const owner = { name: 'Bench', email: 'bench@example.com', password: 'Correct-Horse-7' }
    const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(owner),
    })
    if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status}`)
    const page = await browser.newPage()
    const responses = []
    page.on('response', (response) => responses.push(response))
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' })
    const totals = { html: { sent: 0, decoded: 0 }, js: { sent: 0, decoded: 0 }, css: { sent: 0, decoded: 0 } }
    const loaded = []
    for (const response of responses) {
      const kind = kindOf(response.request().resourceType())
      if (!kind) continue
      loaded.push(response.url())
      const sizes = await response.request().sizes()
      totals[kind].sent += sizes.responseBodySize + sizes.responseHeadersSize
      totals[kind].decoded += (await response.body()).length
    }
    const all = Object.values(totals).reduce((sum, t) => ({ sent: sum.sent + t.sent, decoded: sum.decoded + t.decoded }), { sent: 0, decoded: 0 })
    // Chromium offers brotli only over HTTPS, so over plain loopback it measures gzip; the same
    // files fetched again per encoding give the figure behind TLS too (bodies only, no headers).
    const byEncoding = {}
    for (const encoding of ['br', 'gzip', 'identity']) {
      byEncoding[encoding] = (await Promise.all(loaded.map((url) => wireBytes(url, encoding)))).reduce((a, b) => a + b, 0)
    }
    return { ...totals, all, files: loaded.length, acceptEncoding: (await responses[0]?.request().allHeaders())?.['accept-encoding'], byEncoding }
  } finally {
    await browser?.close()
    await server.stop()
  }
}

export function formatFirstLoad(m) {
  const part = (name, t) => `${name} ${kB(t.sent)} (${kB(t.decoded)} decoded)`
  const wire = Object.entries(m.byEncoding).map(([encoding, bytes]) => `${encoding} ${kB(bytes)}`).join(', ')
  return [
    `First load of /login in Chromium (${m.files} files, Accept-Encoding: ${m.acceptEncoding}), transferred incl. headers: ${kB(m.all.sent)} of ${kB(m.all.decoded)} decoded — ${part('HTML', m.html)}, ${part('JS', m.js)}, ${part('CSS', m.css)}`,
    `First load of /login, bodies on the wire by Accept-Encoding: ${wire}`,
  ].join('\n')
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  console.log(formatFirstLoad(await measureFirstLoad()))
}
