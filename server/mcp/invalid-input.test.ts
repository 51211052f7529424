import { expect, test } from 'vitest'
import { RunCodeSchema } from '../executions/execution.schema'
import { invalidInputText } from './invalid-input'

const textOf = (input: unknown) => {
  const parsed = RunCodeSchema.safeParse(input)
  if (parsed.success) throw new Error('expected the input to be refused')
  return invalidInputText(parsed.error)
}

test('each issue is a clause naming its field by path', () => {
  expect(textOf({ code: 5, limits: { timeoutMs: -1 } })).toBe('Invalid input: code must be a string of JavaScript; limits.timeoutMs must be at least 100')
  expect(textOf({ code: 'x', limits: { stackBytes: 1.5 } })).toBe('Invalid input: limits.stackBytes must be a whole number')
  expect(textOf({ code: 'x', limits: 'fast' })).toBe('Invalid input: limits must be an object, e.g. { "timeoutMs": 60000 }')
  expect(textOf({ code: '' })).toBe('Invalid input: code is empty')
})
