// Request bodies of the toolkit API. Patterns follow the policy pattern rules (../policies/policy-pattern.ts),
// whose refusal reasons reach the client verbatim.
import { z } from 'zod'
import { TOOLKIT_MODES } from '~/db/enums'
import { PolicyPatternSchema } from '../policies/policy.schema'

export const MAX_TOOLKITS = 200
export const MAX_TOOLKIT_PATTERNS = 100

/** The last segment of the toolkit's MCP URL: lowercase, digits and dashes, as in a URL path. */
export const ToolkitSlugSchema = z
  .string()
  .trim()
  .min(1, 'Enter a slug, e.g. support-desk')
  .max(40, 'A slug has at most 40 characters')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'A slug is lowercase letters, digits and dashes, starting and ending with a letter or digit')

const name = z.string().trim().min(1, 'Enter a name').max(100, 'A name has at most 100 characters')
const description = z.string().trim().max(500, 'A description has at most 500 characters')

/** Blank lines and repeats are dropped, so a textarea's lines can be sent as they are. */
export const ToolkitPatternsSchema = z
  .array(z.string().trim())
  .transform((patterns) => [...new Set(patterns.filter((pattern) => pattern !== ''))])
  .pipe(
    z
      .array(PolicyPatternSchema)
      .min(1, 'Enter at least one pattern, e.g. petstore.* or github.issues.*')
      .max(MAX_TOOLKIT_PATTERNS, `A toolkit has at most ${MAX_TOOLKIT_PATTERNS} patterns`),
  )

export const ToolkitModeSchema = z.enum(TOOLKIT_MODES, { error: `mode must be one of ${TOOLKIT_MODES.join(', ')}` })

export const AddToolkitSchema = z
  .object({ slug: ToolkitSlugSchema, name, description: description.optional(), patterns: ToolkitPatternsSchema, mode: ToolkitModeSchema.optional() })
  .strict()
export type AddToolkitInput = z.output<typeof AddToolkitSchema>

export const UpdateToolkitSchema = z
  .object({
    slug: ToolkitSlugSchema.optional(),
    name: name.optional(),
    description: description.optional(),
    patterns: ToolkitPatternsSchema.optional(),
    mode: ToolkitModeSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one of slug, name, description, patterns, mode')
export type UpdateToolkitInput = z.output<typeof UpdateToolkitSchema>
