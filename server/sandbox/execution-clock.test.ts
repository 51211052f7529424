import { afterEach, expect, test, vi } from 'vitest'
import { createExecutionClock } from './execution-clock'

afterEach(() => {
  vi.restoreAllMocks()
})

test('expires once the real clock passes the deadline', () => {
  let now = 1_000
  vi.spyOn(performance, 'now').mockImplementation(() => now)
  const clock = createExecutionClock(100)
  now = 1_050
  expect(clock.expired(now, 10_000)).toBe(false)
  expect(clock.remainingMs()).toBe(50)
  now = 1_100
  expect(clock.expired(now, 10_000)).toBe(true)
  expect(clock.now()).toBe(100)
})

test('counts QuickJS ticks as time while the clock stands still, as in workerd while code runs', () => {
  vi.spyOn(performance, 'now').mockReturnValue(1_000)
  const clock = createExecutionClock(1)
  let checks = 0
  while (!clock.expired(1_000, 10_000)) checks++
  expect(checks).toBe(99)
})

test('forgets the estimate once the clock moves again, since the reading covers that time', () => {
  let now = 1_000
  vi.spyOn(performance, 'now').mockImplementation(() => now)
  const clock = createExecutionClock(10)
  for (let i = 0; i < 500; i++) clock.expired(now, 10_000)
  expect(clock.remainingMs()).toBeCloseTo(5)
  now = 1_001
  expect(clock.expired(now, 10_000)).toBe(false)
  expect(clock.remainingMs()).toBe(9)
})
