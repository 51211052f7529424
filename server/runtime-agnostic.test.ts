// Only the platform adapters (server/platform) may touch runtime-specific modules.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from 'vitest'

const serverDir = import.meta.dirname
const forbidden = /\bfrom\s+['"](node:fs(?:\/promises)?|node:dns(?:\/promises)?|bun:[\w-]+|cloudflare:[\w-]+)['"]|\bimport\(\s*['"](node:fs|node:dns|bun:|cloudflare:)/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

test('nothing under server/ but server/platform/ imports node:fs, node:dns, bun:* or cloudflare:*', () => {
  const offenders = sourceFiles(serverDir)
    .filter((path) => !relative(serverDir, path).startsWith('platform/'))
    .filter((path) => forbidden.test(readFileSync(path, 'utf8')))
    .map((path) => relative(serverDir, path))
  expect(offenders).toEqual([])
})

// Secrets at rest are sealed in both runtimes with Web Crypto alone: no node:* module at all, so
// nothing there can lean on Node's crypto or Buffer that workerd lacks or polyfills differently.
const anyNodeImport = /\bfrom\s+['"]node:|\bimport\(\s*['"]node:|\brequire\(\s*['"]node:/

test('server/secrets imports no node:* module', () => {
  const files = sourceFiles(join(serverDir, 'secrets'))
  expect(files.length).toBeGreaterThan(0)
  const offenders = files
    .filter((path) => anyNodeImport.test(readFileSync(path, 'utf8')))
    .map((path) => relative(serverDir, path))
  expect(offenders).toEqual([])
  expect(anyNodeImport.test("import { webcrypto } from 'node:crypto'")).toBe(true)
  expect(anyNodeImport.test("import { decodeBase64url } from './base64url'")).toBe(false)
})

test('the check recognises a forbidden import', () => {
  expect(forbidden.test("import { readFileSync } from 'node:fs'")).toBe(true)
  expect(forbidden.test("const { env } = await import('cloudflare:workers')")).toBe(true)
  expect(forbidden.test("import { z } from 'zod'")).toBe(false)
})
