import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const binDir = join(repoRoot, 'node_modules/.bin')
export const bunBin = join(binDir, 'bun')
export const nodeBin = join(binDir, 'node')
export const wranglerBin = join(binDir, 'wrangler')

/** Set by test/global-setup.ts: the one directory a Vitest run makes and removes at its end. */
export const TEST_TEMP_ROOT_ENV = 'EXECUTOR_TEST_TEMP_ROOT'

/** A fresh temporary directory for one test's data, removed when the test run ends. */
export function tempDir(prefix = 'executor-test-'): string {
  return mkdtempSync(join(process.env[TEST_TEMP_ROOT_ENV] ?? tmpdir(), prefix))
}
