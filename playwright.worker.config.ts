// Browser tests against the built Worker target (.output-worker/, from `npm run build:cloudflare`)
// under `wrangler dev` on a random loopback port, with dev auth on: every request is the fixed dev
// admin, as a person behind Cloudflare Access would be, so there is no setup or sign-in step.
//
// A config of its own rather than a project in playwright.config.ts: Playwright starts every
// webServer of a config whichever projects run, so one config would start `wrangler dev` for each
// container-only run and the Bun server for each Worker-only one.
//
// D1, R2 and Durable Object state live in a temporary directory made here, in the runner's main
// process, and removed when it exits, after Playwright has killed the server's process group
// (wrangler and the workerd it runs).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import { chrome, launchOptions } from './e2e/browser'
import { wranglerBin } from './test/harness/paths'
import { freePort } from './test/harness/ports'
import { devArgs, migrateArgs, wranglerEnv } from './test/harness/worker-server'

process.env.E2E_WORKER_PORT ??= String(await freePort())
process.env.E2E_WORKER_INSPECTOR_PORT ??= String(await freePort())
process.env.E2E_WORKER_STATE_DIR ??= newStateDir()
const stateDir = process.env.E2E_WORKER_STATE_DIR

function newStateDir() {
  const dir = mkdtempSync(join(tmpdir(), 'executor-e2e-worker-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}
const baseURL = `http://127.0.0.1:${process.env.E2E_WORKER_PORT}`

const vars = {
  ENABLE_DEV_AUTH: 'true',
  EXECUTOR_SECRET_KEY: 'worker-e2e-secret-key-0123456789',
  SELF_HOSTED_ORG_NAME: 'Acme Robotics',
  SELF_HOSTED_ORG_SLUG: 'acme',
  // The integrations spec serves its API description and the Petstore API on loopback.
  ALLOW_LOCAL_NETWORK: 'true',
}
// The same wrangler invocations as the integration tests' (test/harness/worker-server.ts), as a
// shell command: the D1 migrations first, as `wrangler d1 migrations apply` does before a deploy.
const shell = (args: string[]) => args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ')
const migrate = shell([wranglerBin, ...migrateArgs(stateDir)])
const serve = `exec ${shell([
  wranglerBin,
  ...devArgs({
    config: '.output-worker/server/wrangler.json',
    port: Number(process.env.E2E_WORKER_PORT),
    inspectorPort: Number(process.env.E2E_WORKER_INSPECTOR_PORT),
    persistDir: stateDir,
    vars,
  }),
])}`

export default defineConfig({
  testDir: './e2e/worker',
  outputDir: './test-results/e2e-worker',
  // One Worker for the run: the specs share its state, in file order.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report-worker' }]],
  use: { ...chrome, baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure', launchOptions },
  projects: [{ name: 'worker' }],
  webServer: {
    command: `${migrate} && ${serve}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // wrangler starts workerd and bundles nothing (the build did): slow only on a loaded machine.
    timeout: 90_000,
    // SIGTERM to the group first, so wrangler removes the scratch directories it keeps in TMPDIR;
    // Playwright kills the group if it is not gone in time.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    // Offline, with the project's Node 22 first on PATH.
    env: wranglerEnv(),
  },
})
