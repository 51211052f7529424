// Browser tests against the built container target, in Debian's Chromium (browsers cannot be
// downloaded here). The server gets a random loopback port and a fresh data dir per run;
// both are kept in env so Playwright's worker processes see the same values.
//
// One data dir per run means the tests share one Executor: the `setup` project claims the
// owner through /setup first and saves the session, the rest depend on it, and a single
// worker keeps their order.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import { freePort } from './test/harness/ports'
import { chrome, launchOptions } from './e2e/browser'
import { OWNER_STATE } from './e2e/fixtures'

process.env.E2E_PORT ??= String(await freePort())
if (!process.env.E2E_DATA_DIR) {
  // Made here, in the runner's main process (workers inherit the variable), and removed when
  // that process ends, after Playwright has stopped the server.
  const dataDir = mkdtempSync(join(tmpdir(), 'executor-e2e-'))
  process.env.E2E_DATA_DIR = dataDir
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
}
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`

export default defineConfig({
  testDir: './e2e',
  // The Worker's console has its own run: playwright.worker.config.ts.
  testIgnore: '**/e2e/worker/**',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: chrome },
    { name: 'container', dependencies: ['setup'], use: { ...chrome, storageState: OWNER_STATE } },
  ],
  webServer: {
    command: 'node_modules/.bin/bun .output/server/index.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      PORT: process.env.E2E_PORT,
      EXECUTOR_HOST: '127.0.0.1',
      EXECUTOR_DATA_DIR: process.env.E2E_DATA_DIR,
      // Browser sign-in is accepted only from the public origin: make it the one
      // the browser uses.
      EXECUTOR_WEB_BASE_URL: baseURL,
      EXECUTOR_ORG_NAME: 'Acme Robotics',
      EXECUTOR_ORG_SLUG: 'acme',
      // The integrations spec serves its API description and the Petstore API on loopback.
      EXECUTOR_ALLOW_LOCAL_NETWORK: 'true',
    },
  },
})
