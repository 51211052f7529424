// The public origin is the only trusted origin for browser auth, so it comes from
// operator or platform env and never from a request's Host header.
import { ConfigError, configIssue } from './config-error'
import { presentVars } from './env-fields'

/** Variables holding a full URL, in precedence order. */
const URL_VARS = ['EXECUTOR_WEB_BASE_URL', 'RENDER_EXTERNAL_URL', 'DEPLOY_PRIME_URL', 'URL', 'CF_PAGES_URL'] as const

/** Then variables holding a host, or an app name the platform serves under its own domain (`suffix`). */
const HOST_VARS = [
  { variable: 'RAILWAY_PUBLIC_DOMAIN', suffix: undefined },
  { variable: 'RENDER_EXTERNAL_HOSTNAME', suffix: undefined },
  { variable: 'VERCEL_PROJECT_PRODUCTION_URL', suffix: undefined },
  { variable: 'VERCEL_URL', suffix: undefined },
  { variable: 'HEROKU_APP_DEFAULT_DOMAIN_NAME', suffix: undefined },
  { variable: 'WEBSITE_HOSTNAME', suffix: undefined },
  { variable: 'FLY_APP_NAME', suffix: '.fly.dev' },
  { variable: 'SITE_NAME', suffix: '.netlify.app' },
] as const

export type PublicOriginSource = (typeof URL_VARS)[number] | (typeof HOST_VARS)[number]['variable'] | 'default'

export type PublicOrigin = { origin: string; source: PublicOriginSource; warnings: string[] }

const APP_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * The first set variable wins; if its value is unusable that is an error, not a reason to fall
 * through, since falling through would silently trust a different origin.
 */
export function resolvePublicOrigin(
  env: Record<string, string | undefined>,
  port: number,
  isProduction: boolean,
): PublicOrigin {
  const vars = presentVars(env)
  for (const variable of URL_VARS) {
    const value = vars[variable]
    if (value === undefined) continue
    const origin = parseOrigin(value)
    if (origin === undefined) {
      throw new ConfigError([configIssue(variable, `is not an http(s) URL; ${fixFor(variable)}`)])
    }
    return { origin, source: variable, warnings: [] }
  }
  for (const { variable, suffix } of HOST_VARS) {
    const value = vars[variable]
    if (value === undefined) continue
    const origin = suffix === undefined ? parseHost(value)?.origin : appNameOrigin(value, suffix)
    if (origin === undefined) {
      const expected =
        suffix === undefined ? 'a host name like app.example.com' : 'an app name (letters, digits, hyphens)'
      throw new ConfigError([configIssue(variable, `is not ${expected}; ${fixFor(variable)}`)])
    }
    return { origin, source: variable, warnings: [] }
  }
  const origin = `http://localhost:${port}`
  const warning = `No public origin is configured, so browsers are expected at ${origin}; set EXECUTOR_WEB_BASE_URL to the URL users open, or browser sign-in will be refused with INVALID_ORIGIN`
  return { origin, source: 'default', warnings: isProduction ? [warning] : [] }
}

/** A full http(s) URL reduced to its origin: path, query and trailing slash dropped. */
export function parseOrigin(value: string): string | undefined {
  const url = parseUrl(value.trim())
  return url === undefined ? undefined : url.origin
}

/**
 * A bare host (`app.example.com`, `app.example.com:8443`) or, forgivingly, a host with an http(s)
 * scheme. Anything else after the host (path, query, credentials) means the value is not a host.
 */
export function parseHost(value: string): { host: string; origin: string } | undefined {
  const trimmed = value.trim()
  const url = parseUrl(HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`)
  if (url === undefined || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return undefined
  }
  return { host: url.host, origin: url.origin }
}

function appNameOrigin(name: string, suffix: string): string | undefined {
  const trimmed = name.trim()
  return APP_NAME_PATTERN.test(trimmed) ? `https://${trimmed.toLowerCase()}${suffix}` : undefined
}

function parseUrl(value: string): URL | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

function fixFor(variable: string): string {
  return variable === 'EXECUTOR_WEB_BASE_URL'
    ? 'set it to the origin browsers use, like https://executor.example.com'
    : 'fix or unset it, or set EXECUTOR_WEB_BASE_URL (which takes precedence) to the origin browsers use'
}
