import { z } from 'zod'
import { expiresInDaysSchema } from '../http/fields.schema'
import { INVITE_ROLES } from '~/db/enums'

export const CreateInviteSchema = z.object({
  role: z.enum(INVITE_ROLES, { message: 'Role must be admin or member' }),
  label: z.string().trim().max(100, 'Label must be at most 100 characters').optional(),
  expiresInDays: expiresInDaysSchema(365),
})
export type CreateInviteInput = z.infer<typeof CreateInviteSchema>
