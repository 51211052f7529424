import { expect, test } from 'vitest'
import { AppError } from '../http/app-error'
import { DEFAULT_LIMITS, MAX_LIMITS, resolveLimits } from './limits'
import { SandboxLimitsSchema } from './limits.schema'

test('gives the defaults when nothing is requested', () => {
  expect(resolveLimits()).toEqual(DEFAULT_LIMITS)
  expect(resolveLimits({})).toEqual({
    timeoutMs: 30_000,
    memoryBytes: 64 * 1024 * 1024,
    stackBytes: 256 * 1024,
    maxToolCalls: 1_000,
    maxResultBytes: 1024 * 1024,
    maxLogBytes: 1024 * 1024,
  })
})

test('applies overrides within the operator maximums', () => {
  expect(resolveLimits({ timeoutMs: 5 * 60_000, maxToolCalls: 10 })).toEqual({
    ...DEFAULT_LIMITS,
    timeoutMs: 5 * 60_000,
    maxToolCalls: 10,
  })
})

test('refuses an override above the maximum, naming the limit and the maximum', () => {
  expect(() => resolveLimits({ memoryBytes: MAX_LIMITS.memoryBytes + 1 })).toThrow(
    `memoryBytes may be at most ${MAX_LIMITS.memoryBytes} (requested ${MAX_LIMITS.memoryBytes + 1})`,
  )
  try {
    resolveLimits({ timeoutMs: 10 * 60_000 })
    expect.unreachable()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'BAD_REQUEST', status: 400 })
  }
})

test('refuses an override below the floor', () => {
  expect(() => resolveLimits({ memoryBytes: 1024 })).toThrow('memoryBytes must be a whole number of at least')
  expect(() => resolveLimits({ timeoutMs: 1.5 })).toThrow('timeoutMs must be a whole number')
})

test('caps the defaults by an operator maximum lower than them', () => {
  const max = { ...MAX_LIMITS, timeoutMs: 10_000 }
  expect(resolveLimits({}, max).timeoutMs).toBe(10_000)
  expect(() => resolveLimits({ timeoutMs: 20_000 }, max)).toThrow('timeoutMs may be at most 10000')
})

test('the request schema accepts partial limits and refuses unknown or malformed ones', () => {
  expect(SandboxLimitsSchema.parse({ timeoutMs: 1000 })).toEqual({ timeoutMs: 1000 })
  expect(SandboxLimitsSchema.safeParse({ timeoutMs: 'soon' }).success).toBe(false)
  expect(SandboxLimitsSchema.safeParse({ maxToolCalls: -1 }).success).toBe(false)
  expect(SandboxLimitsSchema.safeParse({ cpu: 1 }).success).toBe(false)
  const issue = SandboxLimitsSchema.safeParse({ maxLogBytes: 10 }).error?.issues[0]
  expect(issue?.message).toBe('maxLogBytes must be at least 1024')
})
