import { expect, test } from 'vitest'
import { formatTimeLeft } from './expires-in'

test('time left reads in seconds, minutes, then hours and minutes; none once past', () => {
  expect(formatTimeLeft(40_200)).toBe('in 41 s')
  expect(formatTimeLeft(8 * 60_000 - 10_000)).toBe('in 8 min')
  expect(formatTimeLeft(60 * 60_000)).toBe('in 1 h')
  expect(formatTimeLeft(125 * 60_000)).toBe('in 2 h 5 min')
  expect(formatTimeLeft(0)).toBeNull()
  expect(formatTimeLeft(-5)).toBeNull()
})
