import { z } from 'zod'
import type { LimitBounds } from '../sandbox/limits'
import { sandboxLimitsSchema } from '../sandbox/limits.schema'

export const MAX_CODE_LENGTH = 200_000

/** A run request, with the limits a deployment with `bounds` accepts. */
export const runCodeSchema = (bounds?: LimitBounds) =>
  z.object({
    code: z
      .string({
        error: (issue) => (issue.input === undefined ? 'code is required: a string of JavaScript' : 'code must be a string of JavaScript'),
      })
      .min(1, 'code is empty')
      .max(MAX_CODE_LENGTH, `code must be at most ${MAX_CODE_LENGTH} characters`)
      .describe('JavaScript, the body of an async function: `return` the answer, `await` tool calls, `console.log` to leave notes.'),
    limits: sandboxLimitsSchema(bounds).optional(),
  })

export const RunCodeSchema = runCodeSchema()
export type RunCodeInput = z.infer<typeof RunCodeSchema>
