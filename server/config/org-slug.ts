// The organization slug rule, shared by EXECUTOR_ORG_SLUG and SELF_HOSTED_ORG_SLUG.
import { z } from 'zod'

/** 2 to 48 characters: lowercase letters and digits, single hyphens only between them. */
export const ORG_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,47}$/

/**
 * Path words the app already owns: console pages, API, MCP and OAuth endpoints, and
 * infrastructure paths. A few (`_build`, `_server`) can never match the pattern; they are listed
 * so this stays the one list of taken words.
 */
export const RESERVED_SLUGS = [
  'account',
  'admin',
  'api',
  'api-keys',
  'approvals',
  'assets',
  'auth',
  'authorize',
  'callback',
  'catalog',
  'cdn-cgi',
  'connect',
  'connections',
  'consent',
  'docs',
  'executions',
  'health',
  'integrations',
  'invite',
  'invites',
  'join',
  'keys',
  'login',
  'logout',
  'mcp',
  'members',
  'oauth',
  'policies',
  'profile',
  'public',
  'register',
  'resume',
  'settings',
  'setup',
  'sign-in',
  'sign-out',
  'sign-up',
  'signin',
  'signout',
  'signup',
  'static',
  'status',
  'token',
  'tools',
  'well-known',
  '_build',
  '_server',
] as const

const reserved: ReadonlySet<string> = new Set(RESERVED_SLUGS)

export const OrgSlugSchema = z.string().superRefine((slug, ctx) => {
  if (!ORG_SLUG_PATTERN.test(slug)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be 2 to 48 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got "${slug}"); use a slug like "acme-corp"`,
    })
  } else if (reserved.has(slug)) {
    ctx.addIssue({
      code: 'custom',
      message: `must not be a reserved route word ("${slug}" is a path the app uses); choose another slug, such as "${slug}-org"`,
    })
  }
})
