import { expect, test } from 'vitest'
import { createFailureLimiter } from './failure-limiter'

test('blocks a key after `limit` failures until its window ends', () => {
  const limiter = createFailureLimiter({ limit: 3, windowMs: 1_000 })
  for (let i = 0; i < 3; i++) {
    expect(limiter.blockedFor('k', 100)).toBe(0)
    limiter.recordFailure('k', 100)
  }
  expect(limiter.blockedFor('k', 400)).toBe(700)
  expect(limiter.blockedFor('other', 400)).toBe(0)
  expect(limiter.blockedFor('k', 1_100)).toBe(0)
})

test('a reset clears the count', () => {
  const limiter = createFailureLimiter({ limit: 1, windowMs: 1_000 })
  limiter.recordFailure('k', 0)
  limiter.reset('k')
  expect(limiter.blockedFor('k', 1)).toBe(0)
})

test('keeps at most maxKeys windows, dropping the oldest', () => {
  const limiter = createFailureLimiter({ limit: 1, windowMs: 1_000, maxKeys: 2 })
  limiter.recordFailure('a', 0)
  limiter.recordFailure('b', 0)
  limiter.recordFailure('c', 0)
  expect(limiter.blockedFor('a', 1)).toBe(0)
  expect(limiter.blockedFor('c', 1)).toBeGreaterThan(0)
})
