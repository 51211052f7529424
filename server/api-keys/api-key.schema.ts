import { z } from 'zod'

export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  expiresInDays: z
    .number({ message: 'Expiry must be a number of days' })
    .int('Expiry must be a whole number of days')
    .min(1, 'Expiry must be at least 1 day')
    .max(3650, 'Expiry must be at most 3650 days')
    .optional(),
})
export type CreateApiKeyInput = z.infer<typeof CreateApiKeySchema>
