// A `.env` in the checkout (the README's Docker steps create one) changes nothing the tests do:
// Bun would load it into the server's environment and wrangler into its own, so each is started
// in a way that ignores it (bunfig.toml; --env-file in the Worker harness). Should a .env already
// exist, the poisoning values go into .env.local, which the same loaders read on top of it.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { startBunServer } from '../harness/bun-server'
import { repoRoot } from '../harness/paths'
import { stopAll } from '../harness/process'
import { startWorker } from '../harness/worker-server'

const file = join(repoRoot, existsSync(join(repoRoot, '.env')) ? '.env.local' : '.env')
const skip = existsSync(join(repoRoot, '.env.local'))

const poison = [
  // Each would stop the container at boot, or claim the owner account for someone else.
  'EXECUTOR_ORG_SLUG=BAD',
  'EXECUTOR_BOOTSTRAP_ADMIN_EMAIL=dotenv@example.com',
  'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD=Dotenv-Password-9',
  // Would hand the Worker wrangler's own environment, dev auth included.
  'CLOUDFLARE_INCLUDE_PROCESS_ENV=true',
  'ENABLE_DEV_AUTH=true',
].join('\n')

beforeAll(() => {
  if (!skip) writeFileSync(file, `${poison}\n`, { flag: 'wx' })
})
afterAll(async () => {
  await stopAll()
  if (!skip) rmSync(file, { force: true })
})

test.skipIf(skip)('the container ignores a .env in the directory it starts in', async () => {
  const server = await startBunServer()
  expect((await call(server.url, '/api/setup-status')).body).toMatchObject({ needsSetup: true })
  expect(server.logs()).not.toContain('dotenv@example.com')
})

test.skipIf(skip)('wrangler dev ignores a .env in the checkout', async () => {
  const worker = await startWorker()
  const me = await call(worker.url, '/api/me')
  expect(me.status).toBe(401)
})
