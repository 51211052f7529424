import { z } from 'zod'
import { INVITE_ROLES } from '~/db/enums'

export const CreateInviteSchema = z.object({
  role: z.enum(INVITE_ROLES, { message: 'Role must be admin or member' }),
  label: z.string().trim().max(100, 'Label must be at most 100 characters').optional(),
  expiresInDays: z
    .number({ message: 'Expiry must be a number of days' })
    .int('Expiry must be a whole number of days')
    .min(1, 'Expiry must be at least 1 day')
    .max(365, 'Expiry must be at most 365 days')
    .optional(),
})
export type CreateInviteInput = z.infer<typeof CreateInviteSchema>
