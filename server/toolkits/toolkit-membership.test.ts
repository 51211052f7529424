import { expect, test } from 'vitest'
import type { CatalogEntry } from '../catalog/tool-catalog'
import { pathInToolkit, splitCallablePath, toolkitMatcher } from './toolkit-membership'

const github = (toolPath: string, connections = ['org.main']): CatalogEntry => ({ slug: 'github', toolPath, connections, builtin: false })
const builtin = (toolPath: string): CatalogEntry => ({ slug: 'executor', toolPath, connections: [], builtin: true })

test.each<[string[], CatalogEntry, string | undefined]>([
  // short names
  [['github.*'], github('issues.create'), 'github.issues.create'],
  [['github.issues.*'], github('issues.create'), 'github.issues.create'],
  [['github.issues.*'], github('pulls.merge'), undefined],
  [['*.create'], github('issues.create'), 'github.issues.create'],
  [['GITHUB.Issues.*'], github('issues.create'), 'github.issues.create'],
  // full names: a pattern naming one connection holds the tool through that connection only
  [['github.org.main.*'], github('issues.create'), 'github.org.main.issues.create'],
  [['github.me.work.*'], github('issues.create', ['org.main', 'me.work']), 'github.me.work.issues.create'],
  [['github.me.work.*'], github('issues.create', ['org.main']), undefined],
  // several connections and a short-name match: the first connection's full path, as search gives it
  [['github.issues.*'], github('issues.create', ['org.main', 'me.work']), 'github.org.main.issues.create'],
  // no usable connection: still named by its short name
  [['github.*'], github('issues.create', []), 'github.issues.create'],
  // built-ins: search and describe are in every toolkit, the rest by their own name
  [['github.*'], builtin('search'), 'executor.search'],
  [['github.*'], builtin('describe'), 'executor.describe'],
  [['github.*'], builtin('echo'), undefined],
  [['executor.echo'], builtin('echo'), 'executor.echo'],
  [['*'], builtin('echo'), 'executor.echo'],
])('%j holds %j as %s', (patterns, entry, expected) => {
  expect(pathInToolkit(toolkitMatcher(patterns), entry)).toBe(expected)
})

test('callable paths read back into integration, connection and tool path', () => {
  const addresses = (slug: string) => (slug === 'github' ? ['org.main', 'me.work'] : undefined)
  expect(splitCallablePath('github.org.main.issues.create', addresses)).toEqual(github('issues.create', ['org.main']))
  expect(splitCallablePath('tools.github.me.work.issues.create', addresses)).toEqual(github('issues.create', ['me.work']))
  // `org.other` is no connection of the caller's: the segments are the tool's own path
  expect(splitCallablePath('github.org.other.x', addresses)).toEqual(github('org.other.x', ['org.main', 'me.work']))
  expect(splitCallablePath('github.issues.create', addresses)).toEqual(github('issues.create', ['org.main', 'me.work']))
  expect(splitCallablePath('executor.echo', addresses)).toEqual(builtin('echo'))
  expect(splitCallablePath('unknown.tool', addresses)).toEqual({ slug: 'unknown', toolPath: 'tool', connections: [], builtin: false })
  expect(splitCallablePath('lonely', addresses)).toBeUndefined()
})
