// The repository stands alone: no source, test, config or doc file may cite a document that
// lives outside it (a specification's sections, shared notes, a style guide's sections). A
// comment states its rule itself. The patterns are built from pieces so this file passes too.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const repoRoot = join(import.meta.dirname, '..')
const citations = [
  ...['SPEC', 'STYLE'].map((name) => `${name} \u00a7`),
  ['SPEC', 'md'].join('.'),
  ['PLATFORM', 'NOTES'].join('-'),
  ['..', 'shared', ''].join('/'),
]
const skipped = /(^|\/)(node_modules|\.git)\/|(^|\/)package-lock\.json$/

/** Tracked files plus new ones git does not ignore, so a citation is caught before its commit. */
function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
  return [...new Set(listed.split('\0'))]
    .filter((path) => path !== '' && !skipped.test(path))
    .filter((path) => existsSync(join(repoRoot, path)))
}

function citationsIn(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) => (citations.some((c) => line.includes(c)) ? [`${index + 1}: ${line.trim()}`] : []))
}

test('no file cites a document outside the repository', () => {
  const files = repositoryFiles()
  expect(files.length).toBeGreaterThan(100)
  const offenders = files.flatMap((path) =>
    citationsIn(readFileSync(join(repoRoot, path), 'utf8')).map((hit) => `${path}:${hit}`),
  )
  expect(offenders).toEqual([])
})

test('the check recognises each kind of citation', () => {
  const section = '\u00a7'
  expect(citationsIn(`// Limits (SPEC ${section}6): defaults`)).toHaveLength(1)
  expect(citationsIn(`// fakes (STYLE ${section}6)`)).toHaveLength(1)
  expect(citationsIn(`see ${['PLATFORM', 'NOTES'].join('-')}`)).toHaveLength(1)
  expect(citationsIn(`read ${['..', 'shared', 'notes.md'].join('/')}`)).toHaveLength(1)
  expect(citationsIn('const UNSPECIFIED = 0\n// the spec of MCP 2025-06-18')).toEqual([])
})
