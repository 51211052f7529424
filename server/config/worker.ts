// Cloudflare target configuration: wrangler vars and secrets. The env
// object also carries bindings (DB, BLOBS, MCP_SESSION), which are not config and are skipped.
import { z } from 'zod'
import { ConfigError } from './config-error'
import {
  FlagSchema,
  flagWarning,
  isEmail,
  issuesFromZod,
  NameSchema,
  presentVars,
  previousKeyIssues,
  secretSchema,
  wholeNumberSchema,
  SessionIdleSecondsSchema,
  SessionsPerPrincipalSchema,
} from './env-fields'
import { OrgSlugSchema } from './org-slug'
import { parseHost, parseOrigin } from './public-origin'
import type { AdmissionLimits } from '../sandbox/admission'
import { WORKER_ADMISSION, WORKER_MAX_PROGRAM_HEAP_BYTES, WORKER_PROGRAM_HEAP_BYTES } from '../sandbox/isolate-budget'

const MiB = 1024 * 1024

/** Cloudflare Access settings; present only when both the team domain and the audience are set. */
export type AccessConfig = {
  /** Bare host, e.g. `myteam.cloudflareaccess.com`: the JWT issuer is `https://<teamDomain>`. */
  teamDomain: string
  aud: string
  nameClaim: string
  groupsClaim: string
  /** Where Access publishes its signing keys: `https://<teamDomain>/cdn-cgi/access/certs`, or ACCESS_CERTS_URL (tests, local dev). */
  certsUrl: string
}

export type WorkerConfig = {
  secretKey: string
  /** EXECUTOR_SECRET_KEY_PREVIOUS: the key being retired; the isolate re-seals its values under secretKey */
  previousSecretKey: string | undefined
  access: AccessConfig | undefined
  /** Until true, every API and MCP request is answered 401. */
  accessConfigured: boolean
  /** Trimmed, lowercased, deduplicated. */
  adminEmails: string[]
  org: { id: string; name: string; slug: string }
  allowLocalNetwork: boolean
  /** From VITE_PUBLIC_SITE_URL, in origin form; unset means the workers.dev or route origin. */
  publicOrigin: string | undefined
  /** Local `wrangler dev` only: every request is a fixed dev admin. */
  enableDevAuth: boolean
  /** programs at once per isolate, per principal, and how long one waits for a slot */
  admission: AdmissionLimits
  /** EXECUTOR_PROGRAM_HEAP_MIB: each program's heap, its default and its ceiling */
  programHeapBytes: number
  /** MCP_SESSION_IDLE_SECONDS, in milliseconds: an MCP session's Durable Object forgets it after this long unused. */
  mcpSessionIdleMs: number
  /** MCP_SESSIONS_PER_PRINCIPAL: open sessions one principal may hold; opening one more ends their least recently used. */
  mcpSessionsPerPrincipal: number
}

const TeamDomainSchema = z.string().transform((raw, ctx) => {
  const parsed = parseHost(raw)
  if (parsed !== undefined) return parsed.host
  ctx.addIssue({
    code: 'custom',
    message: 'must be your Access team domain, like myteam.cloudflareaccess.com; fix the value',
  })
  return z.NEVER
})

const AdminEmailsSchema = z.string().transform((raw, ctx) => {
  const emails = raw
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email !== '')
  for (const email of emails) {
    if (!isEmail(email)) {
      ctx.addIssue({
        code: 'custom',
        message: `contains "${email}", which is not an email address; list addresses separated by commas`,
      })
    }
  }
  return [...new Set(emails)]
})

const CertsUrlSchema = z.string().transform((raw, ctx) => {
  const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : undefined
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href
  ctx.addIssue({ code: 'custom', message: 'is not an http(s) URL; unset it to use your team domain\'s /cdn-cgi/access/certs' })
  return z.NEVER
})

const SiteUrlSchema = z.string().transform((raw, ctx) => {
  const origin = parseOrigin(raw)
  if (origin !== undefined) return origin
  ctx.addIssue({
    code: 'custom',
    message: 'is not an http(s) URL; set it to the origin browsers use, like https://executor.example.com, or unset it',
  })
  return z.NEVER
})

const MISSING_SECRET_KEY =
  'is required; set it with `wrangler secret put EXECUTOR_SECRET_KEY` (at least 16 characters, e.g. from `openssl rand -hex 32`)'

const WorkerEnvSchema = z.object({
  EXECUTOR_SECRET_KEY: z
    .string({ error: MISSING_SECRET_KEY })
    .pipe(secretSchema(16, 'set a longer one with `wrangler secret put EXECUTOR_SECRET_KEY`')),
  EXECUTOR_SECRET_KEY_PREVIOUS: secretSchema(
    16,
    'set it to the whole old key with `wrangler secret put EXECUTOR_SECRET_KEY_PREVIOUS`, or delete it once the stored secrets are re-encrypted',
  ).optional(),
  ACCESS_TEAM_DOMAIN: TeamDomainSchema.optional(),
  ACCESS_AUD: z.string().trim().optional(),
  ACCESS_NAME_CLAIM: z.string().trim().default('name'),
  ACCESS_GROUPS_CLAIM: z.string().trim().default('groups'),
  ACCESS_CERTS_URL: CertsUrlSchema.optional(),
  ADMIN_EMAILS: AdminEmailsSchema.default([]),
  SELF_HOSTED_ORG_ID: z.string().trim().default('default'),
  SELF_HOSTED_ORG_NAME: NameSchema.default('Default'),
  SELF_HOSTED_ORG_SLUG: OrgSlugSchema.default('default'),
  ALLOW_LOCAL_NETWORK: FlagSchema,
  VITE_PUBLIC_SITE_URL: SiteUrlSchema.optional(),
  ENABLE_DEV_AUTH: FlagSchema,
  EXECUTOR_MAX_CONCURRENT_EXECUTIONS: wholeNumberSchema(1, 64, 'programs').default(WORKER_ADMISSION.maxConcurrent),
  EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: wholeNumberSchema(1, 64, 'programs').default(WORKER_ADMISSION.maxPerPrincipal),
  EXECUTOR_EXECUTION_QUEUE_MS: wholeNumberSchema(0, 120_000, 'milliseconds').default(WORKER_ADMISSION.queueMs),
  EXECUTOR_PROGRAM_HEAP_MIB: wholeNumberSchema(2, WORKER_MAX_PROGRAM_HEAP_BYTES / MiB, 'MiB').default(WORKER_PROGRAM_HEAP_BYTES / MiB),
  MCP_SESSION_IDLE_SECONDS: SessionIdleSecondsSchema,
  MCP_SESSIONS_PER_PRINCIPAL: SessionsPerPrincipalSchema,
})

/** Throws ConfigError listing every problem; `warnings` are for the Worker to log. */
export function parseWorkerConfig(env: Record<string, unknown>): { config: WorkerConfig; warnings: string[] } {
  const vars = presentVars(env)
  const parsed = WorkerEnvSchema.safeParse(vars)
  const issues = parsed.success ? [] : issuesFromZod(parsed.error)
  issues.push(...previousKeyIssues(vars, 'EXECUTOR_SECRET_KEY'))
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues)
  const values = parsed.data
  const teamDomain = values.ACCESS_TEAM_DOMAIN
  const aud = values.ACCESS_AUD
  const access =
    teamDomain !== undefined && aud !== undefined
      ? {
          teamDomain,
          aud,
          nameClaim: values.ACCESS_NAME_CLAIM,
          groupsClaim: values.ACCESS_GROUPS_CLAIM,
          certsUrl: values.ACCESS_CERTS_URL ?? `https://${teamDomain}/cdn-cgi/access/certs`,
        }
      : undefined

  const warnings: string[] = []
  if ((teamDomain === undefined) !== (aud === undefined)) {
    const [set, unset] =
      teamDomain === undefined ? ['ACCESS_AUD', 'ACCESS_TEAM_DOMAIN'] : ['ACCESS_TEAM_DOMAIN', 'ACCESS_AUD']
    warnings.push(`${set} is set but ${unset} is not, so every API and MCP request is refused with 401; set both`)
  }
  for (const variable of ['ALLOW_LOCAL_NETWORK', 'ENABLE_DEV_AUTH']) {
    const warning = flagWarning(variable, vars[variable])
    if (warning !== undefined) warnings.push(warning)
  }

  return {
    config: {
      secretKey: values.EXECUTOR_SECRET_KEY,
      previousSecretKey: values.EXECUTOR_SECRET_KEY_PREVIOUS,
      access,
      accessConfigured: access !== undefined,
      adminEmails: values.ADMIN_EMAILS,
      org: { id: values.SELF_HOSTED_ORG_ID, name: values.SELF_HOSTED_ORG_NAME, slug: values.SELF_HOSTED_ORG_SLUG },
      allowLocalNetwork: values.ALLOW_LOCAL_NETWORK,
      publicOrigin: values.VITE_PUBLIC_SITE_URL,
      enableDevAuth: values.ENABLE_DEV_AUTH,
      admission: {
        maxConcurrent: values.EXECUTOR_MAX_CONCURRENT_EXECUTIONS,
        maxPerPrincipal: values.EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL,
        queueMs: values.EXECUTOR_EXECUTION_QUEUE_MS,
      },
      programHeapBytes: values.EXECUTOR_PROGRAM_HEAP_MIB * MiB,
      mcpSessionIdleMs: values.MCP_SESSION_IDLE_SECONDS * 1000,
      mcpSessionsPerPrincipal: values.MCP_SESSIONS_PER_PRINCIPAL,
    },
    warnings,
  }
}
