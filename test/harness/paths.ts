import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const binDir = join(repoRoot, 'node_modules/.bin')
export const bunBin = join(binDir, 'bun')
export const nodeBin = join(binDir, 'node')
export const wranglerBin = join(binDir, 'wrangler')

const created: string[] = []

/** Set by test/global-setup.ts: the one directory a Vitest run makes and removes at its end. */
export const TEST_TEMP_ROOT_ENV = 'EXECUTOR_TEST_TEMP_ROOT'

/** A fresh temporary directory for one test's data; removeTempDirs deletes it, and the run's end at the latest. */
export function tempDir(prefix = 'executor-test-'): string {
  const dir = mkdtempSync(join(process.env[TEST_TEMP_ROOT_ENV] ?? tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Deletes every directory tempDir made (once nothing uses them: after stopAll, or a test's databases closed). */
export function removeTempDirs() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}
