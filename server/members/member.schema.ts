import { z } from 'zod'
import { ROLES } from '~/db/enums'

export const ChangeRoleSchema = z.object({
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}` }),
})
export type ChangeRoleInput = z.infer<typeof ChangeRoleSchema>
