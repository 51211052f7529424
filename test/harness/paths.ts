import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const binDir = join(repoRoot, 'node_modules/.bin')
export const bunBin = join(binDir, 'bun')
export const nodeBin = join(binDir, 'node')
export const wranglerBin = join(binDir, 'wrangler')

const created: string[] = []

/** A fresh temporary directory for one test's data, removed by removeTempDirs (stopAll calls it). */
export function tempDir(prefix = 'executor-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Removes `dirs`, or every directory tempDir made in this test file. */
export function removeTempDirs(dirs: string[] = created) {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}
