// What a person may change about their own account, and a reset link's form: shared with the
// console so both reject the same input with the same words.
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password.schema'

const newPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const ChangeNameSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
})

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(MAX_PASSWORD_LENGTH),
  newPassword,
})
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>

export const ResetPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  newPassword,
})
