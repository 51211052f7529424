// Request bodies of the policy API. Pattern rules live in ./policy-pattern.ts; their refusal
// reasons reach the client verbatim.
import { z } from 'zod'
import { POLICY_ACTIONS } from '~/db/enums'
import { patternProblem } from './policy-pattern'

export const MAX_POLICIES = 500
export const MAX_NOTE_LENGTH = 500

export const PolicyPatternSchema = z.string().superRefine((pattern, context) => {
  const problem = patternProblem(pattern)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

export const PolicyActionSchema = z.enum(POLICY_ACTIONS, { error: `action must be one of ${POLICY_ACTIONS.join(', ')}` })

/** An empty note is no note. */
export const PolicyNoteSchema = z
  .string()
  .trim()
  .max(MAX_NOTE_LENGTH, `A note has at most ${MAX_NOTE_LENGTH} characters`)
  .transform((note) => note || null)
  .nullable()

export const PolicyPositionSchema = z.number().int('position must be a whole number').min(0, 'position starts at 0').max(MAX_POLICIES)

export const AddPolicySchema = z
  .object({
    pattern: PolicyPatternSchema,
    action: PolicyActionSchema,
    note: PolicyNoteSchema.optional(),
    /** 0-based; the policies from there on move down one. Default: the end of the list. */
    position: PolicyPositionSchema.optional(),
  })
  .strict()
export type AddPolicyInput = z.output<typeof AddPolicySchema>

export const UpdatePolicySchema = z
  .object({ pattern: PolicyPatternSchema.optional(), action: PolicyActionSchema.optional(), note: PolicyNoteSchema.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one of pattern, action, note')
export type UpdatePolicyInput = z.output<typeof UpdatePolicySchema>

export const ReorderPoliciesSchema = z
  .object({ ids: z.array(z.string().min(1).max(100)).max(MAX_POLICIES) })
  .strict()
  .refine((body) => new Set(body.ids).size === body.ids.length, { message: 'ids must not repeat an id', path: ['ids'] })

export const TestPolicyQuerySchema = z.object({
  path: z
    .string({ error: 'path is required: the tool path to test, e.g. github.issues.create' })
    .trim()
    .min(1, 'path is required: the tool path to test, e.g. github.issues.create')
    .max(500, 'path has at most 500 characters'),
})
