// Per-execution limit overrides as a request may send them. Client-safe (zod and
// constants only), so a form can reuse it. Bounds are the floors and the server's maximums;
// resolveLimits checks them again against the operator's own maximums.
import { z } from 'zod'
import { DEFAULT_LIMITS, LIMIT_FLOORS, MAX_LIMITS, type SandboxLimits } from './limits'

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

const limit = (name: LimitName) =>
  z
    .number(`${name} must be a number`)
    .int(`${name} must be a whole number`)
    .min(LIMIT_FLOORS[name], `${name} must be at least ${LIMIT_FLOORS[name]}`)
    .max(MAX_LIMITS[name], `${name} may be at most ${MAX_LIMITS[name]}`)
    .describe(`${LIMIT_DESCRIPTIONS[name]}: default ${DEFAULT_LIMITS[name]}, from ${LIMIT_FLOORS[name]} to ${MAX_LIMITS[name]}.`)

const names = Object.keys(LIMIT_DESCRIPTIONS).join(', ')

export const SandboxLimitsSchema = z
  .strictObject(
    {
      timeoutMs: limit('timeoutMs'),
      memoryBytes: limit('memoryBytes'),
      stackBytes: limit('stackBytes'),
      maxToolCalls: limit('maxToolCalls'),
      maxResultBytes: limit('maxResultBytes'),
      maxLogBytes: limit('maxLogBytes'),
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

export type SandboxLimitsInput = z.infer<typeof SandboxLimitsSchema>
