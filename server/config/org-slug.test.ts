import { expect, test } from 'vitest'
import { OrgSlugSchema, ORG_SLUG_PATTERN, RESERVED_SLUGS } from './org-slug'

function problem(slug: string): string | undefined {
  const result = OrgSlugSchema.safeParse(slug)
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('\n')
}

test.each(['default', 'acme', 'acme-corp', 'a1', '42', 'a-b-c', 'x'.repeat(48)])('accepts the slug %s', (slug) => {
  expect(problem(slug)).toBeUndefined()
})

test.each([
  ['a single character', 'a'],
  ['a leading hyphen', '-acme'],
  ['a trailing hyphen', 'acme-'],
  ['a double hyphen', 'acme--corp'],
  ['uppercase letters', 'Acme'],
  ['a space', 'acme corp'],
  ['an underscore', 'acme_corp'],
  ['a dot', 'acme.corp'],
  ['more than 48 characters', 'x'.repeat(49)],
])('refuses a slug with %s and explains the rule', (_, slug) => {
  const message = problem(slug)
  expect(message).toContain('must be 2 to 48 lowercase letters, digits and single hyphens')
  expect(message).toContain(`(got "${slug}")`)
})

test.each([
  'api',
  'mcp',
  'setup',
  'login',
  'logout',
  'join',
  'integrations',
  'connections',
  'tools',
  'policies',
  'executions',
  'approvals',
  'resume',
  'api-keys',
  'admin',
  'settings',
  'connect',
  'oauth',
  'auth',
  'well-known',
  'assets',
  'static',
  'public',
  'health',
])('refuses the reserved route word %s', (slug) => {
  expect(problem(slug)).toBe(
    `must not be a reserved route word ("${slug}" is a path the app uses); choose another slug, such as "${slug}-org"`,
  )
})

test('every reserved word that fits the pattern is refused as reserved, not as malformed', () => {
  for (const slug of RESERVED_SLUGS.filter((word) => ORG_SLUG_PATTERN.test(word))) {
    expect(problem(slug)).toContain('reserved route word')
  }
})

test('the reserved list also names infrastructure paths the pattern already refuses', () => {
  expect(RESERVED_SLUGS).toContain('_build')
  expect(problem('_build')).toContain('must be 2 to 48')
})
