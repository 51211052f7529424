// Request bodies of /api/integrations/<id>/connections. `auth` says how requests authenticate;
// its secret parts (key, token, password) are sealed at rest and never returned.
import { z } from 'zod'

/** Connection names are a path segment: `tools.<integration>.<org|me>.<name>.<tool>`. */
export const CONNECTION_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/

export const connectionNameSchema = z
  .string()
  .trim()
  .regex(CONNECTION_NAME_PATTERN, 'Name must start with a lowercase letter and hold only lowercase letters, digits and _ (at most 40)')

const secretText = (what: string) =>
  z.string().min(1, `${what} is required`).max(8192, `${what} must be at most 8192 characters`)

/** Header, query and cookie names an API key may use: an HTTP token. */
const parameterName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(200)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Name must be a valid header, query or cookie name')

export const AuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('apiKey'),
    in: z.enum(['header', 'query', 'cookie']),
    name: parameterName,
    /** written before the key, e.g. `Bearer ` or `token ` */
    prefix: z.string().max(50).optional(),
    key: secretText('key'),
  }),
  z.object({ type: z.literal('bearer'), token: secretText('token') }),
  z.object({
    type: z.literal('basic'),
    username: z.string().max(1024),
    password: z.string().max(8192),
  }),
])
export type AuthInput = z.infer<typeof AuthSchema>

export const CreateConnectionSchema = z.object({
  name: connectionNameSchema,
  scope: z.enum(['org', 'user']),
  auth: AuthSchema,
})
export type CreateConnectionInput = z.infer<typeof CreateConnectionSchema>

/** Rename, or replace the credential (the whole `auth`: a secret is never read back to merge). */
export const UpdateConnectionSchema = z
  .object({ name: connectionNameSchema.optional(), auth: AuthSchema.optional() })
  .refine((value) => value.name !== undefined || value.auth !== undefined, 'Send "name" or "auth"')
export type UpdateConnectionInput = z.infer<typeof UpdateConnectionSchema>
