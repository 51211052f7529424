// Limits of one execution: defaults, the operator's ceilings, and the merge of a
// request's overrides into them. Requests are validated by SandboxLimitsSchema first.
import { AppError } from '../http/app-error'
import type { SandboxLimitsInput } from './limits.schema'

export type SandboxLimits = {
  /** wall time of the whole execution, tool calls included */
  timeoutMs: number
  /** heap the execution's QuickJS may grow to (its WebAssembly memory is capped there) */
  memoryBytes: number
  /** QuickJS stack budget; see STACK below */
  stackBytes: number
  /** tool calls dispatched; the next one ends the execution */
  maxToolCalls: number
  /** UTF-8 bytes of the JSON result kept; the rest is cut with a marker */
  maxResultBytes: number
  /** UTF-8 bytes of log text kept; the rest is cut with a marker */
  maxLogBytes: number
}

const KiB = 1024
const MiB = 1024 * KiB

// STACK: QuickJS runs as WebAssembly, so each guest call frame also costs the host's native
// stack (V8 in Node and workerd, JavaScriptCore in Bun, about 1 MiB each) two to four times what
// QuickJS counts against its own limit. Measured here, at 256 KiB (about 1,400 plain recursive
// calls) ordinary recursion still fails inside QuickJS, as a catchable error; much above that
// the host stack runs out first. Deeply nested source or JSON can exhaust the host stack at any
// setting: run-code reports that as `stack` too, and drops the engine instance it happened in.
// Hence a default well below 1 MiB, and 1 MiB as the ceiling.
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = {
  timeoutMs: 30_000,
  memoryBytes: 64 * MiB,
  stackBytes: 256 * KiB,
  maxToolCalls: 1_000,
  maxResultBytes: MiB,
  maxLogBytes: MiB,
}

/**
 * Floors below which an execution could not even start its prelude, or (time) could not do
 * anything useful before its deadline.
 */
export const LIMIT_FLOORS: Readonly<SandboxLimits> = {
  timeoutMs: 100,
  memoryBytes: 2 * MiB,
  stackBytes: 32 * KiB,
  maxToolCalls: 0,
  maxResultBytes: KiB,
  maxLogBytes: KiB,
}

export const MAX_LIMITS: Readonly<SandboxLimits> = {
  timeoutMs: 5 * 60_000,
  memoryBytes: 256 * MiB,
  stackBytes: MiB,
  maxToolCalls: 10_000,
  maxResultBytes: 8 * MiB,
  maxLogBytes: 8 * MiB,
}

/** A deployment's defaults and ceilings, where they differ from DEFAULT_LIMITS and MAX_LIMITS. */
export type LimitBounds = {
  readonly defaults: Readonly<SandboxLimits>
  readonly max: Readonly<SandboxLimits>
}

/** The bounds of a deployment that sets none of its own. */
export const STANDARD_LIMIT_BOUNDS: LimitBounds = { defaults: DEFAULT_LIMITS, max: MAX_LIMITS }

/** What a run gets when it asks for nothing: the default, never above the maximum. */
export function defaultLimit({ defaults, max }: LimitBounds, name: keyof SandboxLimits): number {
  return Math.min(defaults[name], max[name])
}

const names = [
  'timeoutMs',
  'memoryBytes',
  'stackBytes',
  'maxToolCalls',
  'maxResultBytes',
  'maxLogBytes',
] as const satisfies readonly (keyof SandboxLimits)[]

/**
 * The limits for one execution: the `defaults` (capped by `max`) overridden by `requested`.
 * An override above the operator's maximum is refused rather than silently lowered, so the
 * caller learns why a long job stopped early.
 */
export function resolveLimits(
  requested: SandboxLimitsInput = {},
  max: Readonly<SandboxLimits> = MAX_LIMITS,
  defaults: Readonly<SandboxLimits> = DEFAULT_LIMITS,
): SandboxLimits {
  const limits = { ...defaults }
  for (const name of names) {
    const value = requested[name]
    if (value === undefined) {
      limits[name] = defaultLimit({ defaults, max }, name)
      continue
    }
    if (!Number.isInteger(value) || value < LIMIT_FLOORS[name]) {
      throw new AppError('BAD_REQUEST', `${name} must be a whole number of at least ${LIMIT_FLOORS[name]}`)
    }
    if (value > max[name]) {
      throw new AppError('BAD_REQUEST', `${name} may be at most ${max[name]} (requested ${value})`)
    }
    limits[name] = value
  }
  return limits
}
