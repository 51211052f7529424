// Request bodies of /api/integrations: adding (or previewing) an API description by URL or as
// pasted text, refreshing it, and changing its settings.
import { z } from 'zod'
import { INTEGRATION_KINDS } from '~/db/enums'

/** Slugs become the first segment of tool paths (`tools.<slug>.…`), so they must be JS identifiers. */
export const SLUG_PATTERN = /^[a-z][a-z0-9_]{0,39}$/

/** Slugs that would shadow Executor's own tools or read as a connection owner. */
export const RESERVED_SLUGS = new Set(['executor', 'org', 'me', 'tools'])

export const slugSchema = z
  .string()
  .trim()
  .regex(SLUG_PATTERN, 'Slug must start with a lowercase letter and hold only lowercase letters, digits and _ (at most 40)')
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'That slug is reserved; pick another')

const httpUrl = z
  .string()
  .trim()
  .max(2048, 'URL must be at most 2048 characters')
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'Must be an http(s) URL')

/** Where a description comes from: a URL Executor fetches, or the document's text. */
const sourceFields = {
  url: httpUrl.optional(),
  document: z.string().min(1, 'The document is empty').optional(),
}

const oneSource = <T extends { url?: string; document?: string }>(value: T, ctx: z.RefinementCtx) => {
  if ((value.url === undefined) === (value.document === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'Send either "url" or "document" (the description as JSON or YAML text), not both', path: ['url'] })
  }
}

export const CreateIntegrationSchema = z
  .object({
    kind: z.enum(INTEGRATION_KINDS, { message: 'kind must be "openapi", "graphql" or "mcp"' }),
    /** what a client config for a local (stdio) MCP server would carry: refused with a clear message */
    command: z.unknown().optional(),
    slug: slugSchema,
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    /** overrides the document's servers */
    baseUrl: httpUrl.optional(),
    ...sourceFields,
  })
  .superRefine((value, ctx) => {
    if (value.command !== undefined || (value.url !== undefined && /^stdio:/i.test(value.url))) {
      ctx.addIssue({
        code: 'custom',
        path: ['command'],
        message: 'Executor never starts local (stdio) MCP servers; add a remote MCP server by its http(s) URL',
      })
      return
    }
    oneSource(value, ctx)
    if (value.kind === 'mcp' && value.document !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['document'], message: 'An MCP server is added by its URL, not a document' })
    }
  })
export type CreateIntegrationInput = z.infer<typeof CreateIntegrationSchema>

export const PreviewIntegrationSchema = z
  .object({ kind: z.enum(INTEGRATION_KINDS).optional(), ...sourceFields })
  .superRefine(oneSource)
export type PreviewIntegrationInput = z.infer<typeof PreviewIntegrationSchema>

/** Refresh: by default from the URL it was added from; a pasted one needs its new text. */
export const RefreshIntegrationSchema = z
  .object({ ...sourceFields })
  .refine((value) => !(value.url !== undefined && value.document !== undefined), 'Send "url" or "document", not both')
export type RefreshIntegrationInput = z.infer<typeof RefreshIntegrationSchema>

export const UpdateIntegrationSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).optional(),
  /** null goes back to the document's servers */
  baseUrl: httpUrl.nullable().optional(),
})
export type UpdateIntegrationInput = z.infer<typeof UpdateIntegrationSchema>
