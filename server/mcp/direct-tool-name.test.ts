import { expect, test } from 'vitest'
import { directToolName, MAX_DIRECT_NAME_LENGTH } from './direct-tool-name'

test.each([
  ['petstore.listPets', 'petstore-listPets'],
  ['github.org.main.issues.create', 'github-org-main-issues-create'],
  ['executor.echo', 'executor-echo'],
  ['api_2.v1_users.get_by_id', 'api_2-v1_users-get_by_id'],
])('%s is listed as %s', (path, name) => {
  expect(directToolName(path)).toBe(name)
})

test('every name is one the strictest clients accept', () => {
  for (const path of ['a.b', `svc.${'x'.repeat(80)}.get`, `svc.org.main.${'deep.'.repeat(20)}op`]) {
    expect(directToolName(path)).toMatch(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_DIRECT_NAME_LENGTH}}$`))
  }
})

test('long paths keep a readable start and stay distinct', () => {
  const long = `svc.${'segment_'.repeat(10)}`
  const a = directToolName(`${long}alpha`)
  const b = directToolName(`${long}beta`)
  expect(a).toHaveLength(MAX_DIRECT_NAME_LENGTH)
  expect(a.startsWith('svc-segment_segment_')).toBe(true)
  expect(a).not.toBe(b)
  expect(directToolName(`${long}alpha`)).toBe(a)
})
