// Per-execution limit overrides as a request may send them. Client-safe (zod and
// constants only), so a form can reuse it. Requests are checked against the floors and the
// server's maximums; resolveLimits checks them again against the operator's own maximums, and
// says so by name. A deployment's own bounds give the schema it lists to clients (the `execute`
// tool's), so an agent reads the ceiling that will actually be applied.
import { z } from 'zod'
import { defaultLimit, LIMIT_FLOORS, STANDARD_LIMIT_BOUNDS, type LimitBounds, type SandboxLimits } from './limits'

type LimitName = keyof SandboxLimits

/** What each limit bounds, for agents reading the MCP tool schema and people reading the API. */
export const LIMIT_DESCRIPTIONS: Record<LimitName, string> = {
  timeoutMs: 'Wall time of the whole run in milliseconds, tool calls included',
  memoryBytes: 'Heap the program may use, in bytes',
  stackBytes: 'Stack for recursion and nesting, in bytes',
  maxToolCalls: 'Tool calls the program may make; one more ends the run',
  maxResultBytes: 'Bytes of JSON result kept; the rest is cut with a marker',
  maxLogBytes: 'Bytes of console output kept; the rest is dropped with a marker',
}

const limit = (name: LimitName, bounds: LimitBounds) =>
  z
    .number(`${name} must be a number`)
    .int(`${name} must be a whole number`)
    .min(LIMIT_FLOORS[name], `${name} must be at least ${LIMIT_FLOORS[name]}`)
    .max(bounds.max[name], `${name} may be at most ${bounds.max[name]}`)
    .describe(`${LIMIT_DESCRIPTIONS[name]}: default ${defaultLimit(bounds, name)}, from ${LIMIT_FLOORS[name]} to ${bounds.max[name]}.`)

const names = Object.keys(LIMIT_DESCRIPTIONS).join(', ')

/** The overrides schema for a deployment's `bounds`. */
export const sandboxLimitsSchema = (bounds: LimitBounds = STANDARD_LIMIT_BOUNDS) =>
  z
    .strictObject(
      {
        timeoutMs: limit('timeoutMs', bounds),
        memoryBytes: limit('memoryBytes', bounds),
        stackBytes: limit('stackBytes', bounds),
        maxToolCalls: limit('maxToolCalls', bounds),
        maxResultBytes: limit('maxResultBytes', bounds),
        maxLogBytes: limit('maxLogBytes', bounds),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `has an unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: ${names})`
            : issue.code === 'invalid_type'
              ? 'must be an object, e.g. { "timeoutMs": 60000 }'
              : undefined,
      },
    )
    .partial()
    .describe('Limits for this run, each optional: omitted ones keep their defaults. Raise one when a job needs more time or memory.')

export const SandboxLimitsSchema = sandboxLimitsSchema()

export type SandboxLimitsInput = z.infer<typeof SandboxLimitsSchema>
