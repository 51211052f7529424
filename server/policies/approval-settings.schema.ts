// Operator settings for approvals, client-safe so the console's form checks the same ranges.
import { z } from 'zod'

export const EXPIRY_MINUTES = { min: 1, max: 10_080 } as const
export const INLINE_WAIT_SECONDS = { min: 0, max: 600 } as const

export const ApprovalSettingsSchema = z.object({
  /** how long a paused call waits for a decision before the execution ends `expired` */
  expiryMinutes: z
    .number({ error: 'expiryMinutes must be a number' })
    .int('expiryMinutes must be a whole number')
    .min(EXPIRY_MINUTES.min, `expiryMinutes is at least ${EXPIRY_MINUTES.min}`)
    .max(EXPIRY_MINUTES.max, `expiryMinutes is at most ${EXPIRY_MINUTES.max} (7 days)`),
  /** how long the agent's request is held open for a decision before answering `paused` */
  inlineWaitSeconds: z
    .number({ error: 'inlineWaitSeconds must be a number' })
    .int('inlineWaitSeconds must be a whole number')
    .min(INLINE_WAIT_SECONDS.min, `inlineWaitSeconds is at least ${INLINE_WAIT_SECONDS.min}`)
    .max(INLINE_WAIT_SECONDS.max, `inlineWaitSeconds is at most ${INLINE_WAIT_SECONDS.max}`),
  /** the person who started the execution may not approve its calls */
  requireDifferentApprover: z.boolean({ error: 'requireDifferentApprover must be true or false' }),
})

export type ApprovalSettings = z.output<typeof ApprovalSettingsSchema>

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = { expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: false }

export const ApprovalSettingsPatchSchema = ApprovalSettingsSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one of expiryMinutes, inlineWaitSeconds, requireDifferentApprover')
