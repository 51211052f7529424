// `npm run dev` (the Vite dev server) serves the whole app, the QuickJS sandbox included: only
// the builds compile the sandbox's `?module` WASM import, so the dev server needs its stand-in.
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call, claimOwner } from '../harness/accounts'
import { binDir, repoRoot, tempDir } from '../harness/paths'
import { freePort } from '../harness/ports'
import { run, stopAll, waitForHealthy, type Running } from '../harness/process'

let url: string
let dev: Running
beforeAll(async () => {
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  dev = run(join(binDir, 'vite'), ['dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: {
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME,
      EXECUTOR_DATA_DIR: tempDir('executor-dev-'),
      EXECUTOR_WEB_BASE_URL: url,
    },
  })
  await waitForHealthy(`${url}/api/health`, dev, 60_000)
})
afterAll(stopAll)

test('the dev server renders pages and runs code in the sandbox', async () => {
  const setup = await fetch(`${url}/setup`)
  expect(setup.status).toBe(200)
  expect(await setup.text()).toContain('<html')
  const owner = await claimOwner(url)
  const page = await fetch(`${url}/`, { headers: { cookie: owner.cookie } })
  expect(page.status).toBe(200)
  const execution = await call(url, '/api/executions', { cookie: owner.cookie, body: { code: 'console.log("hi"); return 6 * 7' } })
  expect(execution.status, dev.output()).toBe(201)
  expect(execution.body).toMatchObject({ status: 'completed', result: 42 })
})
