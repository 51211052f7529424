// Vitest's global setup: every temporary directory the harness makes (data dirs, D1 state,
// copies of .output) lives under one directory per run, removed when the run ends, after every
// test file has stopped its servers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_TEMP_ROOT_ENV } from './harness/paths'

export default function setup() {
  const root = mkdtempSync(join(tmpdir(), 'executor-vitest-'))
  // Test workers start after this and inherit the variable.
  process.env[TEST_TEMP_ROOT_ENV] = root
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 })
}
