import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const binDir = join(repoRoot, 'node_modules/.bin')
export const bunBin = join(binDir, 'bun')
export const nodeBin = join(binDir, 'node')
export const wranglerBin = join(binDir, 'wrangler')

const created: string[] = []

/** A fresh temporary directory for one test's data; removeTempDirs deletes it. */
export function tempDir(prefix = 'executor-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Deletes every directory tempDir made (once nothing uses them: after stopAll, or a test's databases closed). */
export function removeTempDirs() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}
