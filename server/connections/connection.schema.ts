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

const httpsOrLoopbackUrl = (what: string) => z.string().trim().url(`${what} must be an absolute URL`).max(2048)

/** An OAuth 2 connection: endpoints and scopes are discovered, or pre-filled from the description, unless given. */
export const OAuthAuthSchema = z.object({
  type: z.literal('oauth2'),
  grant: z.enum(['authorization_code', 'client_credentials']),
  /** a client registered by the operator; without one, Executor registers itself (metadata document or RFC 7591) */
  clientId: z.string().trim().min(1).max(1024).optional(),
  clientSecret: secretText('clientSecret').optional(),
  scopes: z.array(z.string().trim().min(1).max(200).regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'A scope holds no spaces or quotes')).max(100).optional(),
  issuer: httpsOrLoopbackUrl('issuer').optional(),
  authorizationUrl: httpsOrLoopbackUrl('authorizationUrl').optional(),
  tokenUrl: httpsOrLoopbackUrl('tokenUrl').optional(),
  /** RFC 8707 resource indicator, when discovery does not name it */
  resource: httpsOrLoopbackUrl('resource').optional(),
})
export type OAuthAuthInput = z.infer<typeof OAuthAuthSchema>

/** Credentials typed in as they are (no OAuth 2: that one is created, then authorized). */
export const StaticAuthSchema = z.discriminatedUnion('type', [
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
/** The console's connection form judges its `auth` with this one. */
export const AuthSchema = StaticAuthSchema
export type AuthInput = z.infer<typeof StaticAuthSchema>

export const CreateConnectionSchema = z.object({
  name: connectionNameSchema,
  scope: z.enum(['org', 'user']),
  auth: z.discriminatedUnion('type', [...StaticAuthSchema.options, OAuthAuthSchema]),
})
export type CreateConnectionInput = z.infer<typeof CreateConnectionSchema>

/** Rename, or replace the credential (the whole `auth`: a secret is never read back to merge). */
export const UpdateConnectionSchema = z
  .object({ name: connectionNameSchema.optional(), auth: StaticAuthSchema.optional() })
  .refine((value) => value.name !== undefined || value.auth !== undefined, 'Send "name" or "auth"')
export type UpdateConnectionInput = z.infer<typeof UpdateConnectionSchema>
