// Container target configuration, parsed once at boot and passed down typed. Pure, so
// it runs on any runtime and in tests: the data dir itself is checked by server/platform/key-files.ts.
import { z } from 'zod'
import { ConfigError, configIssue, type ConfigIssue } from './config-error'
import {
  EmailSchema,
  FlagSchema,
  previousKeyIssues,
  flagWarning,
  issuesFromZod,
  NameSchema,
  presentVars,
  secretSchema,
  SessionIdleSecondsSchema,
  SessionsPerPrincipalSchema,
  wholeNumberSchema,
} from './env-fields'
import { passwordProblem } from '../auth/password.schema'
import { OrgSlugSchema } from './org-slug'
import { HostSchema, isLoopbackHost } from './bind-host'
import { DEFAULT_BODY_LIMITS, type BodyLimits } from '../http/bounded-body'
import { DEFAULT_ADMISSION, type AdmissionLimits } from '../sandbox/admission'
import { resolvePublicOrigin, type PublicOrigin, type PublicOriginSource } from './public-origin'
import { isLoopbackHostname } from '../http/loopback'
import { DEFAULT_SESSION_LIMITS, type McpSessionLimits } from '../mcp/session-store'
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS } from '../mcp-oauth/metadata'

export type ContainerConfig = {
  port: number
  host: string
  dataDir: string
  dbPath: string
  /** Origin form, e.g. `https://executor.example.com`, no trailing slash. */
  publicOrigin: string
  publicOriginSource: PublicOriginSource
  /**
   * Origins trusted for browser auth: the public origin, and when none is configured and the bind
   * is loopback, every loopback spelling of this port, so both localhost and 127.0.0.1 work.
   */
  trustedOrigins: string[]
  /** EXECUTOR_HOST is a loopback address: requests must then name a loopback or trusted host */
  loopbackBind: boolean
  /** Unset means: use the key generated into the data dir (server/config/secrets.ts). */
  betterAuthSecret: string | undefined
  secretKey: string | undefined
  /** EXECUTOR_SECRET_KEY_PREVIOUS: the key being retired; boot re-seals its values under secretKey */
  previousSecretKey: string | undefined
  /** Set only when both EXECUTOR_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD are. */
  bootstrapAdmin: { email: string; password: string; name: string } | undefined
  org: { name: string; slug: string }
  allowLocalNetwork: boolean
  mcpSessions: McpSessionLimits
  /** per-request stage timings in a `Server-Timing` header, for diagnostics and the benchmark */
  serverTiming: boolean
  isProduction: boolean
  /** request body caps (EXECUTOR_MAX_REQUEST_BYTES, EXECUTOR_MAX_MCP_REQUEST_BYTES) */
  bodyLimits: BodyLimits
  /** how many proxies in front append to X-Forwarded-For; 0 = use the socket address */
  trustedProxyHops: number
  /** the owner claim at /setup needs the one-time setup code: the bind is not loopback-only, or forced on */
  setupCodeRequired: boolean
  /** sandbox worker threads kept warm; undefined means one per core */
  sandboxWorkers: number | undefined
  admission: AdmissionLimits
  /** EXECUTOR_MCP_TOKEN_TTL_SECONDS: how long an access token issued to an MCP client lasts */
  mcpAccessTokenTtlSeconds: number
}

const DEFAULT_PORT = 4788

const PortSchema = z.string().transform((raw, ctx) => {
  const port = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
  if (port >= 1 && port <= 65535) return port
  ctx.addIssue({
    code: 'custom',
    message: `must be a whole number from 1 to 65535 (got "${raw}"); fix or unset it to use ${DEFAULT_PORT}`,
  })
  return z.NEVER
})

const MAX_PROXY_HOPS = 10
const MIN_BODY_BYTES = 1024
const MAX_BODY_BYTES = 1024 * 1024 * 1024

// The same rule the setup page applies: a weak bootstrap password would only fail later, mid-boot.
const PasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password)
  if (problem) ctx.addIssue({ code: 'custom', message: `is too weak: ${problem}; choose a stronger password` })
})

function countSchema(fallback: number, what: string) {
  return wholeNumberSchema(1, 1_000_000, what).default(fallback)
}

const ContainerEnvSchema = z.object({
  PORT: PortSchema.default(DEFAULT_PORT),
  EXECUTOR_HOST: HostSchema.default('127.0.0.1'),
  EXECUTOR_DATA_DIR: z.string().default('./.executor-data'),
  EXECUTOR_DB_PATH: z.string().optional(),
  BETTER_AUTH_SECRET: secretSchema(32, 'set a longer value or unset it to use a generated one').optional(),
  // The master key guards every stored credential. A generated one is 64 hex characters (256
  // bits), and a short operator-chosen string would be the weak link, so we ask for the same
  // floor as BETTER_AUTH_SECRET rather than the Worker's 16.
  EXECUTOR_SECRET_KEY: secretSchema(
    32,
    'set a longer value (e.g. `openssl rand -hex 32`), or unset it to use the key generated in the data dir',
  ).optional(),
  EXECUTOR_SECRET_KEY_PREVIOUS: secretSchema(
    32,
    'set it to the whole key the stored secrets were sealed with, or unset it once boot has re-encrypted them',
  ).optional(),
  EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: EmailSchema.optional(),
  EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: PasswordSchema.optional(),
  EXECUTOR_BOOTSTRAP_ADMIN_NAME: NameSchema.default('Admin'),
  EXECUTOR_ORG_NAME: NameSchema.default('Default'),
  EXECUTOR_ORG_SLUG: OrgSlugSchema.default('default'),
  EXECUTOR_ALLOW_LOCAL_NETWORK: FlagSchema,
  EXECUTOR_MCP_SESSION_IDLE_SECONDS: SessionIdleSecondsSchema,
  EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL: SessionsPerPrincipalSchema,
  EXECUTOR_MCP_SESSIONS_MAX: countSchema(DEFAULT_SESSION_LIMITS.total, 'sessions'),
  EXECUTOR_MAX_REQUEST_BYTES: wholeNumberSchema(MIN_BODY_BYTES, MAX_BODY_BYTES, 'bytes').default(DEFAULT_BODY_LIMITS.api),
  EXECUTOR_MAX_MCP_REQUEST_BYTES: wholeNumberSchema(MIN_BODY_BYTES, MAX_BODY_BYTES, 'bytes').default(DEFAULT_BODY_LIMITS.mcp),
  EXECUTOR_TRUSTED_PROXY_HOPS: wholeNumberSchema(0, MAX_PROXY_HOPS, 'proxies').default(0),
  EXECUTOR_SETUP_CODE_REQUIRED: FlagSchema,
  EXECUTOR_SERVER_TIMING: FlagSchema,
  EXECUTOR_SANDBOX_WORKERS: wholeNumberSchema(1, 256, 'threads').optional(),
  EXECUTOR_MAX_CONCURRENT_EXECUTIONS: wholeNumberSchema(1, 1024, 'programs').default(DEFAULT_ADMISSION.maxConcurrent),
  EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: wholeNumberSchema(1, 1024, 'programs').default(DEFAULT_ADMISSION.maxPerPrincipal),
  EXECUTOR_EXECUTION_QUEUE_MS: wholeNumberSchema(0, 60_000, 'milliseconds').default(DEFAULT_ADMISSION.queueMs),
  EXECUTOR_MCP_TOKEN_TTL_SECONDS: wholeNumberSchema(1, 24 * 60 * 60, 'seconds').default(DEFAULT_ACCESS_TOKEN_TTL_SECONDS),
  NODE_ENV: z.string().optional(),
})

/** Throws ConfigError listing every problem; `warnings` are for boot to log once. */
export function parseContainerConfig(env: Record<string, string | undefined>): {
  config: ContainerConfig
  warnings: string[]
} {
  const vars = presentVars(env)
  const parsed = ContainerEnvSchema.safeParse(vars)
  const issues: ConfigIssue[] = parsed.success ? [] : issuesFromZod(parsed.error)
  issues.push(...bootstrapPairIssues(vars))
  issues.push(...previousKeyIssues(vars, 'EXECUTOR_SECRET_KEY'))

  const isProduction = vars.NODE_ENV === 'production'
  let origin: PublicOrigin | undefined
  try {
    origin = resolvePublicOrigin(vars, parsed.data?.PORT ?? DEFAULT_PORT, isProduction)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    issues.push(...error.issues)
  }
  if (issues.length > 0 || !parsed.success || origin === undefined) throw new ConfigError(issues)

  const values = parsed.data
  const email = values.EXECUTOR_BOOTSTRAP_ADMIN_EMAIL
  const password = values.EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD
  const loopbackBind = isLoopbackHostname(values.EXECUTOR_HOST)
  const config: ContainerConfig = {
    port: values.PORT,
    host: values.EXECUTOR_HOST,
    dataDir: values.EXECUTOR_DATA_DIR,
    dbPath: values.EXECUTOR_DB_PATH ?? joinPath(values.EXECUTOR_DATA_DIR, 'data.db'),
    publicOrigin: origin.origin,
    publicOriginSource: origin.source,
    trustedOrigins:
      origin.source === 'default' && loopbackBind ? loopbackOrigins(values.PORT, origin.origin) : [origin.origin],
    loopbackBind,
    betterAuthSecret: values.BETTER_AUTH_SECRET,
    secretKey: values.EXECUTOR_SECRET_KEY,
    previousSecretKey: values.EXECUTOR_SECRET_KEY_PREVIOUS,
    bootstrapAdmin:
      email !== undefined && password !== undefined
        ? { email, password, name: values.EXECUTOR_BOOTSTRAP_ADMIN_NAME }
        : undefined,
    org: { name: values.EXECUTOR_ORG_NAME, slug: values.EXECUTOR_ORG_SLUG },
    allowLocalNetwork: values.EXECUTOR_ALLOW_LOCAL_NETWORK,
    mcpSessions: {
      idleMs: values.EXECUTOR_MCP_SESSION_IDLE_SECONDS * 1000,
      perPrincipal: values.EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL,
      total: values.EXECUTOR_MCP_SESSIONS_MAX,
    },
    serverTiming: values.EXECUTOR_SERVER_TIMING,
    isProduction,
    bodyLimits: {
      api: values.EXECUTOR_MAX_REQUEST_BYTES,
      mcp: values.EXECUTOR_MAX_MCP_REQUEST_BYTES,
      documents: DEFAULT_BODY_LIMITS.documents,
    },
    trustedProxyHops: values.EXECUTOR_TRUSTED_PROXY_HOPS,
    setupCodeRequired: values.EXECUTOR_SETUP_CODE_REQUIRED || !isLoopbackHost(values.EXECUTOR_HOST),
    sandboxWorkers: values.EXECUTOR_SANDBOX_WORKERS,
    admission: {
      maxConcurrent: values.EXECUTOR_MAX_CONCURRENT_EXECUTIONS,
      maxPerPrincipal: values.EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL,
      queueMs: values.EXECUTOR_EXECUTION_QUEUE_MS,
    },
    mcpAccessTokenTtlSeconds: values.EXECUTOR_MCP_TOKEN_TTL_SECONDS,
  }
  const flags = [
    flagWarning('EXECUTOR_ALLOW_LOCAL_NETWORK', vars.EXECUTOR_ALLOW_LOCAL_NETWORK),
    flagWarning('EXECUTOR_SETUP_CODE_REQUIRED', vars.EXECUTOR_SETUP_CODE_REQUIRED),
  ].filter((warning) => warning !== undefined)
  return { config, warnings: [...origin.warnings, ...flags] }
}

// Cookies are host-only, so each spelling signs in on its own; none of them reaches another machine.
function loopbackOrigins(port: number, publicOrigin: string): string[] {
  const all = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]
  return [publicOrigin, ...all.filter((o) => o !== publicOrigin)]
}

function bootstrapPairIssues(vars: Record<string, string>): ConfigIssue[] {
  const email = 'EXECUTOR_BOOTSTRAP_ADMIN_EMAIL'
  const password = 'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD'
  const fix = 'set both to create the owner at boot, or neither to claim ownership in the browser at /setup'
  if (vars[email] !== undefined && vars[password] === undefined) {
    return [configIssue(password, `is unset but ${email} is set; ${fix}`)]
  }
  if (vars[password] !== undefined && vars[email] === undefined) {
    return [configIssue(email, `is unset but ${password} is set; ${fix}`)]
  }
  return []
}

// Plain '/' join: this module stays free of node:path (only server/platform may import it).
function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`
}
