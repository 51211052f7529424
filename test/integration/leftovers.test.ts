// Tests leave nothing behind: a stopped server takes every process it started with it (wrangler
// runs workerd from a second Node process), and the harness's temporary directories live under
// the one directory test/global-setup.ts removes when the run ends.
import { execFileSync } from 'node:child_process'
import { afterAll, expect, test } from 'vitest'
import { TEST_TEMP_ROOT_ENV, tempDir } from '../harness/paths'
import { stopAll } from '../harness/process'
import { startWorker } from '../harness/worker-server'

afterAll(stopAll)

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-axo', 'pid=,command='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text) && !line.includes(' ps '))
}

async function settled(check: () => string[], ms = 3_000): Promise<string[]> {
  const deadline = Date.now() + ms
  let left = check()
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    left = check()
  }
  return left
}

test('killing wrangler dev (as stopAll does) stops its CLI and workerd too', async () => {
  const worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } })
  // The persist dir appears on the command line of wrangler's CLI process; the port on workerd's.
  const port = new URL(worker.url).port
  expect(processesMentioning(worker.persistDir).length).toBeGreaterThan(0)
  await worker.proc.stop('SIGKILL')
  expect(await settled(() => processesMentioning(worker.persistDir))).toEqual([])
  expect(await settled(() => processesMentioning(`127.0.0.1:${port}`))).toEqual([])
  await expect(fetch(`${worker.url}/api/health`)).rejects.toThrow()
})

test('temporary directories are made under the run directory that global setup removes', () => {
  const root = process.env[TEST_TEMP_ROOT_ENV]
  expect(root).toMatch(/executor-vitest-/)
  expect(tempDir().startsWith(`${root}/`)).toBe(true)
})
