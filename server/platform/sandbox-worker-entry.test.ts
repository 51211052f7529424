// What a sandbox worker thread can reach is what its entry imports: walk that graph and check it
// stays in server/sandbox (plus the engine's packages), so the database, the platform, secrets
// and the network client never load in a thread that runs agent code.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const serverDir = resolve(import.meta.dirname, '..')
const entry = join(serverDir, 'platform/sandbox-worker-entry.ts')
const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  return [...source.matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? '')
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier)
  const found = [base, `${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path) && path.endsWith('.ts'))
  if (!found) throw new Error(`cannot resolve ${specifier} from ${from}`)
  return found
}

function graph() {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(resolveLocal(file, specifier))
      else if (specifier.startsWith('~/')) visit(resolveLocal(join(serverDir, '..', 'x'), `./${specifier.slice(2)}`))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return { files: [...files].map((file) => relative(serverDir, file)), packages: [...packages] }
}

test('the sandbox worker entry reaches only server/sandbox and the engine packages', () => {
  const { files, packages } = graph()
  const outside = files.filter((file) => !file.startsWith('sandbox/') && file !== 'platform/sandbox-worker-entry.ts')
  // limits.ts raises AppError for bad requests: a plain class with no imports of its own.
  expect(outside).toEqual(['http/app-error.ts'])
  expect(files).toContain('sandbox/run-code.ts')
  expect(packages.sort()).toEqual([
    '@jitl/quickjs-wasmfile-release-sync',
    '@jitl/quickjs-wasmfile-release-sync/wasm?module',
    'node:os',
    'quickjs-emscripten-core',
    'zod',
  ])
  expect(importsOf(join(serverDir, 'http/app-error.ts'))).toEqual([])
})

test('the walk sees imports, so a database import would be caught', () => {
  expect(importsOf(join(serverDir, 'platform/bun.ts'))).toContain('~/db/libsql')
})
