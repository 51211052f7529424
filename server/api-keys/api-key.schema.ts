import { z } from 'zod'
import { expiresInDaysSchema } from '../http/fields.schema'

export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  expiresInDays: expiresInDaysSchema(3650),
})
export type CreateApiKeyInput = z.infer<typeof CreateApiKeySchema>
