// Field rules both parsers share (container.ts, worker.ts), so a variable means the same thing on
// both targets. Messages read on from the variable's name, which issuesFromZod puts in front.
import { z } from 'zod'
import { DEFAULT_SESSION_LIMITS } from '../mcp/session-store'
import { configIssue, type ConfigIssue } from './config-error'

/** Keeps the non-blank string values: an empty variable means unset, and Worker bindings (DB, BLOBS) are not config. */
export function presentVars(env: Record<string, unknown>): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) {
    if (typeof value === 'string' && value.trim() !== '') vars[key] = value
  }
  return vars
}

/** Each zod issue becomes one line named by its variable (the first path segment). */
export function issuesFromZod(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => configIssue(String(issue.path[0] ?? 'configuration'), issue.message))
}

/** A whole number in [min, max]; `unit` names what it counts in the message. */
export function wholeNumberSchema(min: number, max: number, unit: string) {
  return z.string().transform((raw, ctx) => {
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN
    if (value >= min && value <= max) return value
    ctx.addIssue({ code: 'custom', message: `must be a whole number of ${unit} from ${min} to ${max} (got "${raw}"); fix it or unset it for the default` })
    return z.NEVER
  })
}

/**
 * How long an unused MCP session lives, in seconds: EXECUTOR_MCP_SESSION_IDLE_SECONDS in the
 * container, MCP_SESSION_IDLE_SECONDS on the Worker, with one default (30 minutes) and one range.
 */
/** Open MCP sessions one principal may hold: EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL / MCP_SESSIONS_PER_PRINCIPAL. */
export const SessionsPerPrincipalSchema = wholeNumberSchema(1, 1_000_000, 'sessions').default(DEFAULT_SESSION_LIMITS.perPrincipal)

export const SessionIdleSecondsSchema = wholeNumberSchema(1, 1_000_000, 'seconds').default(DEFAULT_SESSION_LIMITS.idleMs / 1000)

/** A length floor whose message gives the length but never the value, since the value is a secret. */
export function secretSchema(minLength: number, fix: string) {
  return z.string().superRefine((value, ctx) => {
    if (value.length < minLength) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at least ${minLength} characters (got ${value.length}); ${fix}`,
      })
    }
  })
}

/**
 * The previous master key must be another key than the current one: the same key would re-seal
 * nothing, and usually means the new key was never set. Compares only when both are in the env
 * (a generated key file is compared at boot, by key id).
 */
export function previousKeyIssues(vars: Record<string, string>, current: string): ConfigIssue[] {
  const previous = `${current}_PREVIOUS`
  if (vars[previous] === undefined || vars[previous] !== vars[current]) return []
  return [configIssue(previous, `is the same key as ${current}; set ${current} to the new key, or unset ${previous}`)]
}

export function isEmail(value: string): boolean {
  return z.email().safeParse(value).success
}

/** Trimmed and lowercased, as Better Auth stores emails, so comparisons with sign-ins match. */
export const EmailSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine(isEmail, {
    error: (issue) => `must be an email address like owner@example.com (got "${String(issue.input)}")`,
  })

export const NameSchema = z
  .string()
  .trim()
  .max(100, { error: (issue) => `must be at most 100 characters (got ${String(issue.input).length}); shorten it` })

/** Opt-ins fail closed: only the exact string 'true' enables, so 'TRUE', '1' or 'yes' leave them off. */
export const FlagSchema = z
  .string()
  .optional()
  .transform((value) => value === 'true')

/** A flag set to something that looks like an attempt to enable it is worth telling the operator about. */
export function flagWarning(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || value === 'true' || value === 'false') return undefined
  return `${variable} is "${value}", which leaves it off; only the exact string "true" enables it`
}
