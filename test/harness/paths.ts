import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const binDir = join(repoRoot, 'node_modules/.bin')
export const bunBin = join(binDir, 'bun')
export const nodeBin = join(binDir, 'node')
export const wranglerBin = join(binDir, 'wrangler')

/** A fresh temporary directory for one test's data. */
export function tempDir(prefix = 'executor-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
