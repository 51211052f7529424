// Every API route answers unserved methods itself (405 JSON); see server/http/method-not-allowed.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from 'vitest'

const apiDir = import.meta.dirname

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

test('every API route file has an ANY handler', () => {
  const missing = routeFiles(apiDir)
    .filter((path) => !/\bANY:\s/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(apiDir, path))
  expect(missing).toEqual([])
})
