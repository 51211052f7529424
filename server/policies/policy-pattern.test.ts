import { expect, test } from 'vitest'
import { compilePattern, patternProblem } from './policy-pattern'

test.each([
  ['', /^Enter a pattern/],
  ['a'.repeat(201), /at most 200 characters \(this one has 201\)/],
  ['github. *', /spaces or other whitespace/],
  ['github\t*', /spaces or other whitespace/],
  ['github/issues', /only contain letters, digits, _ \$ - \. and \* \(not \/\)/],
  ['gïthub.?', /\(not ï \?\)/],
  ['github.**', /one \* already matches across dots/],
  ['**', /one \* already matches across dots/],
  ['.github.*', /cannot start or end with a dot/],
  ['github.', /cannot start or end with a dot/],
  ['github..issues', /empty segment/],
])('refuses %j and says why', (pattern, reason) => {
  expect(patternProblem(pattern)).toMatch(reason)
})

test.each(['*', 'github.*', '*.delete*', 'stripe.org.prod.*', 'a'.repeat(200), 'my-api.$ref_1.get*', 'GitHub.Issues.*'])('accepts %j', (pattern) => {
  expect(patternProblem(pattern)).toBeUndefined()
})

test.each([
  ['github.*', 'github.issues.create', true],
  ['github.*', 'github.org.main.issues.create', true],
  ['github.*', 'githubx.issues.create', false],
  ['github.*', 'github', false],
  ['*.delete*', 'github.repos.deleteRepo', true],
  ['*.delete*', 'github.repos.delete', true],
  ['*.delete*', 'github.repos.undelete', false],
  ['*', 'anything.at.all', true],
  ['stripe.org.prod.*', 'stripe.org.prod.charges.create', true],
  ['stripe.org.prod.*', 'stripe.org.test.charges.create', false],
  ['GITHUB.Issues.*', 'github.issues.list', true],
  ['github.issues.list', 'github.issues.list', true],
  ['github.issues.list', 'github.issues.listAll', false],
  ['github.issues.list', 'xgithub.issues.list', false],
  ['a.b', 'aXb', false],
  ['my-api.$ref', 'my-api.$ref', true],
  ['*a*b*c', 'xaybzc', true],
  ['*a*b*c', 'xaybz', false],
  ['a*a', 'a', false],
  ['a*a', 'aa', true],
  ['*.*', 'nodot', false],
])('%j matching %j: %s', (pattern, path, matches) => {
  expect(compilePattern(pattern).test(path)).toBe(matches)
})

test('a pattern of many stars against a long near-miss path answers at once (no backtracking blow-up)', () => {
  const pattern = `${'*a'.repeat(40)}*b`
  const path = 'a'.repeat(400)
  const started = performance.now()
  expect(compilePattern(pattern).test(path)).toBe(false)
  expect(compilePattern(pattern).test(`${path}b`)).toBe(true)
  expect(performance.now() - started).toBeLessThan(100)
})
