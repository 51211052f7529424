import { z } from 'zod'
import { SandboxLimitsSchema } from '../sandbox/limits.schema'

export const MAX_CODE_LENGTH = 200_000

export const RunCodeSchema = z.object({
  code: z
    .string({ message: 'code must be a string of JavaScript' })
    .min(1, 'code is empty')
    .max(MAX_CODE_LENGTH, `code must be at most ${MAX_CODE_LENGTH} characters`),
  limits: SandboxLimitsSchema.optional(),
})
export type RunCodeInput = z.infer<typeof RunCodeSchema>
