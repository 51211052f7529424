// Container target configuration (SPEC §2), parsed once at boot and passed down typed. Pure, so
// it runs on any runtime and in tests: the data dir itself is checked by server/platform/key-files.ts.
import { z } from 'zod'
import { ConfigError, configIssue, type ConfigIssue } from './config-error'
import {
  EmailSchema,
  FlagSchema,
  flagWarning,
  issuesFromZod,
  NameSchema,
  presentVars,
  secretSchema,
} from './env-fields'
import { passwordProblem } from '../auth/password.schema'
import { OrgSlugSchema } from './org-slug'
import { DEFAULT_ADMISSION, type AdmissionLimits } from '../sandbox/admission'
import { resolvePublicOrigin, type PublicOrigin, type PublicOriginSource } from './public-origin'

export type ContainerConfig = {
  port: number
  host: string
  dataDir: string
  dbPath: string
  /** Origin form, e.g. `https://executor.example.com`, no trailing slash. */
  publicOrigin: string
  publicOriginSource: PublicOriginSource
  /** Unset means: use the key generated into the data dir (server/config/secrets.ts). */
  betterAuthSecret: string | undefined
  secretKey: string | undefined
  /** Set only when both EXECUTOR_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD are. */
  bootstrapAdmin: { email: string; password: string; name: string } | undefined
  org: { name: string; slug: string }
  allowLocalNetwork: boolean
  isProduction: boolean
  /** sandbox worker threads kept warm; undefined means one per core */
  sandboxWorkers: number | undefined
  admission: AdmissionLimits
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

/** A whole number in [min, max]; `unit` names what it counts in the message. */
function countSchema(min: number, max: number, unit: string) {
  return z.string().transform((raw, ctx) => {
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
    if (value >= min && value <= max) return value
    ctx.addIssue({ code: 'custom', message: `must be a whole number of ${unit} from ${min} to ${max} (got "${raw}"); fix it or unset it for the default` })
    return z.NEVER
  })
}

// The same rule the setup page applies: a weak bootstrap password would only fail later, mid-boot.
const PasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password)
  if (problem) ctx.addIssue({ code: 'custom', message: `is too weak: ${problem}; choose a stronger password` })
})

const ContainerEnvSchema = z.object({
  PORT: PortSchema.default(DEFAULT_PORT),
  EXECUTOR_HOST: z.string().trim().default('127.0.0.1'),
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
  EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: EmailSchema.optional(),
  EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: PasswordSchema.optional(),
  EXECUTOR_BOOTSTRAP_ADMIN_NAME: NameSchema.default('Admin'),
  EXECUTOR_ORG_NAME: NameSchema.default('Default'),
  EXECUTOR_ORG_SLUG: OrgSlugSchema.default('default'),
  EXECUTOR_ALLOW_LOCAL_NETWORK: FlagSchema,
  EXECUTOR_SANDBOX_WORKERS: countSchema(1, 256, 'threads').optional(),
  EXECUTOR_MAX_CONCURRENT_EXECUTIONS: countSchema(1, 1024, 'programs').default(DEFAULT_ADMISSION.maxConcurrent),
  EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: countSchema(1, 1024, 'programs').default(DEFAULT_ADMISSION.maxPerPrincipal),
  EXECUTOR_EXECUTION_QUEUE_MS: countSchema(0, 60_000, 'milliseconds').default(DEFAULT_ADMISSION.queueMs),
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
  const config: ContainerConfig = {
    port: values.PORT,
    host: values.EXECUTOR_HOST,
    dataDir: values.EXECUTOR_DATA_DIR,
    dbPath: values.EXECUTOR_DB_PATH ?? joinPath(values.EXECUTOR_DATA_DIR, 'data.db'),
    publicOrigin: origin.origin,
    publicOriginSource: origin.source,
    betterAuthSecret: values.BETTER_AUTH_SECRET,
    secretKey: values.EXECUTOR_SECRET_KEY,
    bootstrapAdmin:
      email !== undefined && password !== undefined
        ? { email, password, name: values.EXECUTOR_BOOTSTRAP_ADMIN_NAME }
        : undefined,
    org: { name: values.EXECUTOR_ORG_NAME, slug: values.EXECUTOR_ORG_SLUG },
    allowLocalNetwork: values.EXECUTOR_ALLOW_LOCAL_NETWORK,
    isProduction,
    sandboxWorkers: values.EXECUTOR_SANDBOX_WORKERS,
    admission: {
      maxConcurrent: values.EXECUTOR_MAX_CONCURRENT_EXECUTIONS,
      maxPerPrincipal: values.EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL,
      queueMs: values.EXECUTOR_EXECUTION_QUEUE_MS,
    },
  }
  const flag = flagWarning('EXECUTOR_ALLOW_LOCAL_NETWORK', vars.EXECUTOR_ALLOW_LOCAL_NETWORK)
  return { config, warnings: [...origin.warnings, ...(flag === undefined ? [] : [flag])] }
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

// Plain '/' join: this module stays free of node:path (runtime-agnostic rule, SPEC §1).
function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`
}
