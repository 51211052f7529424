import { expect, test } from 'vitest'
import { assignToolPaths, pathSegment } from './tool-naming'

test('names become one path segment of letters, digits and _', () => {
  expect(pathSegment('get-issue')).toBe('get_issue')
  expect(pathSegment('repo.list')).toBe('repo_list')
  expect(pathSegment('list files (v2)')).toBe('list_files_v2')
  expect(pathSegment('_private')).toBe('_private')
  expect(pathSegment('2fa')).toBe('_2fa')
  expect(pathSegment('---')).toBe('tool')
  expect(pathSegment('ünïcode')).toBe('n_code')
})

test('collisions are settled the same way whatever order the server lists them in', () => {
  const names = ['a.b', 'a_b', 'a-b', 'c']
  const first = assignToolPaths(names)
  const second = assignToolPaths([...names].reverse())
  expect(Object.fromEntries(first)).toEqual({ a_b: 'a_b', 'a-b': 'a_b_2', 'a.b': 'a_b_3', c: 'c' })
  expect(Object.fromEntries(second)).toEqual(Object.fromEntries(first))
})

test('a suffix never takes a name a server already uses as is', () => {
  const paths = assignToolPaths(['x-y', 'x_y_2', 'x_y'])
  expect(Object.fromEntries(paths)).toEqual({ x_y: 'x_y', x_y_2: 'x_y_2', 'x-y': 'x_y_3' })
})
