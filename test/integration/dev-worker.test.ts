// `npm run dev:worker` on a fresh clone: it makes its local secrets, migrates the local D1 that
// `wrangler dev` then serves, turns dev auth on with a warning and prints the URL. It runs in a
// copy of the checkout (sharing node_modules), so its Worker build does not replace the one the
// other tests use.
import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { nodeBin, repoRoot, tempDir } from '../harness/paths'
import { freePort } from '../harness/ports'
import { run, stopAll, type Running } from '../harness/process'

const NOT_IN_A_CLONE = new Set(['node_modules', '.git', '.output', '.output-worker', '.wrangler', '.tanstack', '.dev.vars', '.env', '.env.local', '.executor-data', 'test-results', 'playwright-report'])

let clone: string
let url: string
let proc: Running

beforeAll(async () => {
  clone = tempDir('executor-clone-')
  cpSync(repoRoot, clone, { recursive: true, filter: (path) => !NOT_IN_A_CLONE.has(path.slice(repoRoot.length + 1).split('/')[0] ?? '') })
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir')
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  // A developer's shell, not Vitest's (VITEST=true turns the build's plugins off).
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, PORT: String(port) }
  proc = run(nodeBin, ['scripts/dev-worker.mjs'], { cwd: clone, env })
  const deadline = Date.now() + 150_000
  while (!proc.output().includes('is running at')) {
    if (proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`dev:worker did not come up:\n${proc.output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}, 180_000)
afterAll(stopAll)

test('it generates .dev.vars once, gitignored and private, with a random secret and dev auth on', () => {
  const devVars = join(clone, '.dev.vars')
  const text = readFileSync(devVars, 'utf8')
  expect(text).toMatch(/^EXECUTOR_SECRET_KEY=[0-9a-f]{64}$/m)
  expect(text).toMatch(/^ENABLE_DEV_AUTH=true$/m)
  expect(statSync(devVars).mode & 0o777).toBe(0o600)
  // Wrangler reads the copy beside the config it runs.
  expect(readFileSync(join(clone, '.output-worker/server/.dev.vars'), 'utf8')).toBe(text)
  expect(execFileSync('git', ['check-ignore', '.dev.vars', '.output-worker/server/.dev.vars'], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n')).toHaveLength(2)
})

test('it warns loudly about dev auth and prints the URL', () => {
  expect(proc.output()).toContain('DEV AUTH IS ON')
  expect(proc.output()).toContain(`Executor (Worker) is running at ${url}`)
})

test('the Worker answers with dev auth over the migrated local D1', async () => {
  expect((await call(url, '/api/health')).body).toEqual({ status: 'ok' })
  expect((await call(url, '/api/me')).body).toMatchObject({ email: 'dev@localhost', role: 'owner', via: 'dev' })
  const execution = await call(url, '/api/executions', { body: { code: 'return 6 * 7' } })
  expect(execution.status, proc.output()).toBe(201)
  expect(execution.body).toMatchObject({ status: 'completed', result: 42 })
  expect((await call(url, '/api/executions')).status).toBe(200)
})
