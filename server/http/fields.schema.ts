import { z } from 'zod'

/** An optional lifetime in whole days, from 1 to `max` (invites, API keys). */
export function expiresInDaysSchema(max: number) {
  return z
    .number({ message: 'Expiry must be a number of days' })
    .int('Expiry must be a whole number of days')
    .min(1, 'Expiry must be at least 1 day')
    .max(max, `Expiry must be at most ${max} days`)
    .optional()
}
