import { expect, test } from 'vitest'
import { passwordProblem } from './password.schema'

test.each([
  ['short1A!', 'at least 10'],
  ['aaaaaaaaaaaaaaaaaaaa', 'repeats'],
  ['alllowercase1', 'three of'],
  ['x'.repeat(129), 'at most 128'],
])('refuses %s', (password, reason) => {
  expect(passwordProblem(password)).toContain(reason)
})

test.each(['Correct-Horse7', 'correct horse battery staple', 'Tr0ub4dor&3xyz'])('accepts %s', (password) => {
  expect(passwordProblem(password)).toBeUndefined()
})
