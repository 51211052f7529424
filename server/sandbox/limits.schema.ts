// Per-execution limit overrides as a request may send them. Client-safe: zod only, so
// a form can reuse it. The operator's maximums are server config, checked by resolveLimits.
import { z } from 'zod'

const KiB = 1024
const MiB = 1024 * KiB

/** Floors below which an execution could not even start its prelude. */
export const LIMIT_FLOORS = {
  timeoutMs: 1,
  memoryBytes: 2 * MiB,
  stackBytes: 32 * KiB,
  maxToolCalls: 0,
  maxResultBytes: KiB,
  maxLogBytes: KiB,
} as const

const limit = (name: keyof typeof LIMIT_FLOORS) =>
  z
    .number(`${name} must be a number`)
    .int(`${name} must be a whole number`)
    .min(LIMIT_FLOORS[name], `${name} must be at least ${LIMIT_FLOORS[name]}`)

export const SandboxLimitsSchema = z
  .object({
    timeoutMs: limit('timeoutMs'),
    memoryBytes: limit('memoryBytes'),
    stackBytes: limit('stackBytes'),
    maxToolCalls: limit('maxToolCalls'),
    maxResultBytes: limit('maxResultBytes'),
    maxLogBytes: limit('maxLogBytes'),
  })
  .partial()
  .strict()

export type SandboxLimitsInput = z.infer<typeof SandboxLimitsSchema>
