// `npm test`: every check, in order, stopping at the first failure; then proof that the run
// left nothing behind. The run gets its own TMPDIR, so each `executor-*` directory found there
// afterwards is one a test made and did not remove, whatever else runs on the machine.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkout, checkoutProcesses, executorTempDirs, reportLeftovers } from './check-leftovers.mjs'

const steps = [
  'bash scripts/ensure-chromium.sh',
  'npm run build',
  'npm run build:cloudflare',
  'npm run typecheck',
  'vitest run',
  'playwright test',
  'playwright test -c playwright.worker.config.ts',
]

const runTmp = mkdtempSync(join(tmpdir(), 'executor-npm-test-'))
const before = new Set(checkoutProcesses([runTmp]).map((p) => p.pid))
let status = 0
for (const step of steps) {
  const result = spawnSync(step, { cwd: checkout, shell: true, stdio: 'inherit', env: { ...process.env, TMPDIR: runTmp } })
  status = result.status ?? 1
  if (status !== 0) break
}

const processes = checkoutProcesses([runTmp]).filter((p) => !before.has(p.pid))
const left = reportLeftovers({ processes, dirs: executorTempDirs(runTmp) })
rmSync(runTmp, { recursive: true, force: true })
if (left) {
  console.error('npm test left the processes or directories above behind.')
  for (const p of processes) {
    try {
      process.kill(p.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  status ||= 1
} else if (status === 0) {
  console.log('npm test left no process and no temporary directory behind.')
}
process.exit(status)
