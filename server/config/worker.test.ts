import { expect, test } from 'vitest'
import { ConfigError, type ConfigIssue } from './config-error'
import { parseWorkerConfig } from './worker'

const KEY = 'k'.repeat(16)

function issuesOf(env: Record<string, unknown>): ConfigIssue[] {
  try {
    parseWorkerConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  throw new Error('expected a ConfigError')
}

test('only the secret key is required; everything else has a default', () => {
  expect(parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY })).toEqual({
    config: {
      secretKey: KEY,
      access: undefined,
      accessConfigured: false,
      adminEmails: [],
      org: { id: 'default', name: 'Default', slug: 'default' },
      allowLocalNetwork: false,
      publicOrigin: undefined,
      enableDevAuth: false,
      admission: { maxConcurrent: 4, maxPerPrincipal: 4, queueMs: 30_000 },
      programHeapBytes: 10 * 1024 * 1024,
      mcpSessionIdleMs: 30 * 60 * 1000,
      mcpSessionsPerPrincipal: 32,
    },
    warnings: [],
  })
})

test('MCP_SESSION_IDLE_SECONDS sets the session idle timeout within the container\'s bounds', () => {
  expect(parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY, MCP_SESSION_IDLE_SECONDS: '90' }).config.mcpSessionIdleMs).toBe(90_000)
  for (const bad of ['0', '1.5', '1000001', 'soon']) {
    const [issue] = issuesOf({ EXECUTOR_SECRET_KEY: KEY, MCP_SESSION_IDLE_SECONDS: bad })
    expect(issue?.variable).toBe('MCP_SESSION_IDLE_SECONDS')
    expect(issue?.message).toMatch(/^MCP_SESSION_IDLE_SECONDS must be a whole number of seconds from 1 to 1000000/)
  }
})

test('refuses a missing EXECUTOR_SECRET_KEY and says how to set it', () => {
  for (const env of [{}, { EXECUTOR_SECRET_KEY: '' }]) {
    const [issue] = issuesOf(env)
    expect(issue?.variable).toBe('EXECUTOR_SECRET_KEY')
    expect(issue?.message).toMatch(
      /^EXECUTOR_SECRET_KEY is required; set it with `wrangler secret put EXECUTOR_SECRET_KEY`/,
    )
  }
})

test('refuses an EXECUTOR_SECRET_KEY under 16 characters without echoing it', () => {
  const issues = issuesOf({ EXECUTOR_SECRET_KEY: 'tooshort-secret' })
  expect(issues).toEqual([
    {
      variable: 'EXECUTOR_SECRET_KEY',
      message:
        'EXECUTOR_SECRET_KEY must be at least 16 characters (got 15); set a longer one with `wrangler secret put EXECUTOR_SECRET_KEY`',
    },
  ])
})

test('reads EXECUTOR_SECRET_KEY_PREVIOUS (16 characters at least, not the current key) without echoing it', () => {
  const previous = 'p'.repeat(16)
  expect(parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY, EXECUTOR_SECRET_KEY_PREVIOUS: previous }).config.previousSecretKey).toBe(previous)
  expect(parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY }).config.previousSecretKey).toBeUndefined()
  const [short] = issuesOf({ EXECUTOR_SECRET_KEY: KEY, EXECUTOR_SECRET_KEY_PREVIOUS: 'tooshort-secret' })
  expect(short?.variable).toBe('EXECUTOR_SECRET_KEY_PREVIOUS')
  expect(short?.message).toMatch(/^EXECUTOR_SECRET_KEY_PREVIOUS must be at least 16 characters \(got 15\); /)
  expect(short?.message).not.toContain('tooshort-secret')
  expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, EXECUTOR_SECRET_KEY_PREVIOUS: KEY })).toEqual([
    {
      variable: 'EXECUTOR_SECRET_KEY_PREVIOUS',
      message:
        'EXECUTOR_SECRET_KEY_PREVIOUS is the same key as EXECUTOR_SECRET_KEY; set EXECUTOR_SECRET_KEY to the new key, or unset EXECUTOR_SECRET_KEY_PREVIOUS',
    },
  ])
})

test('ACCESS_CERTS_URL overrides where the Access signing keys are fetched from', () => {
  const env = { EXECUTOR_SECRET_KEY: KEY, ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com', ACCESS_AUD: 'aud' }
  expect(parseWorkerConfig({ ...env, ACCESS_CERTS_URL: 'http://127.0.0.1:9999/certs' }).config.access?.certsUrl).toBe('http://127.0.0.1:9999/certs')
  expect(issuesOf({ ...env, ACCESS_CERTS_URL: 'ftp://x' })[0]?.message).toMatch(/^ACCESS_CERTS_URL is not an http\(s\) URL/)
})

test('reads every variable when set', () => {
  const { config, warnings } = parseWorkerConfig({
    EXECUTOR_SECRET_KEY: KEY,
    ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com',
    ACCESS_AUD: 'aud-tag',
    ACCESS_NAME_CLAIM: 'given_name',
    ACCESS_GROUPS_CLAIM: 'roles',
    ADMIN_EMAILS: 'a@example.com',
    SELF_HOSTED_ORG_ID: 'org_1',
    SELF_HOSTED_ORG_NAME: 'Acme',
    SELF_HOSTED_ORG_SLUG: 'acme',
    ALLOW_LOCAL_NETWORK: 'true',
    VITE_PUBLIC_SITE_URL: 'https://executor.example.com/',
    ENABLE_DEV_AUTH: 'true',
    EXECUTOR_MAX_CONCURRENT_EXECUTIONS: '3',
    EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: '2',
    EXECUTOR_EXECUTION_QUEUE_MS: '5000',
    EXECUTOR_PROGRAM_HEAP_MIB: '16',
    MCP_SESSION_IDLE_SECONDS: '600',
    MCP_SESSIONS_PER_PRINCIPAL: '128',
  })
  expect(config).toEqual({
    secretKey: KEY,
    access: {
      teamDomain: 'myteam.cloudflareaccess.com',
      aud: 'aud-tag',
      nameClaim: 'given_name',
      groupsClaim: 'roles',
      certsUrl: 'https://myteam.cloudflareaccess.com/cdn-cgi/access/certs',
    },
    accessConfigured: true,
    adminEmails: ['a@example.com'],
    org: { id: 'org_1', name: 'Acme', slug: 'acme' },
    allowLocalNetwork: true,
    publicOrigin: 'https://executor.example.com',
    enableDevAuth: true,
    admission: { maxConcurrent: 3, maxPerPrincipal: 2, queueMs: 5000 },
    programHeapBytes: 16 * 1024 * 1024,
    mcpSessionIdleMs: 600_000,
    mcpSessionsPerPrincipal: 128,
  })
  expect(warnings).toEqual([])
})

test('ignores bindings and other non-string values', () => {
  const { config } = parseWorkerConfig({
    EXECUTOR_SECRET_KEY: KEY,
    DB: { prepare() {} },
    BLOBS: {},
    MCP_SESSION: null,
    ADMIN_EMAILS: 42,
    ALLOW_LOCAL_NETWORK: true,
  })
  expect(config.adminEmails).toEqual([])
  expect(config.allowLocalNetwork).toBe(false)
})

test('normalises ADMIN_EMAILS: trimmed, lowercased, blanks and duplicates dropped', () => {
  const { config } = parseWorkerConfig({
    EXECUTOR_SECRET_KEY: KEY,
    ADMIN_EMAILS: ' Alice@Example.com, bob@example.com ,,ALICE@example.com,',
  })
  expect(config.adminEmails).toEqual(['alice@example.com', 'bob@example.com'])
})

test('refuses an ADMIN_EMAILS entry that is not an email, naming it', () => {
  expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, ADMIN_EMAILS: 'a@example.com, bob' })).toEqual([
    {
      variable: 'ADMIN_EMAILS',
      message: 'ADMIN_EMAILS contains "bob", which is not an email address; list addresses separated by commas',
    },
  ])
})

test.each([
  'myteam.cloudflareaccess.com',
  'https://myteam.cloudflareaccess.com',
  'https://MyTeam.cloudflareaccess.com/',
  ' myteam.cloudflareaccess.com ',
])('normalises ACCESS_TEAM_DOMAIN=%s to the bare host', (value) => {
  const { config } = parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY, ACCESS_TEAM_DOMAIN: value, ACCESS_AUD: 'aud' })
  expect(config.access?.teamDomain).toBe('myteam.cloudflareaccess.com')
})

test.each(['myteam.cloudflareaccess.com/cdn-cgi/access', 'not a host', 'ftp://myteam.cloudflareaccess.com'])(
  'refuses ACCESS_TEAM_DOMAIN=%s',
  (value) => {
    expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, ACCESS_TEAM_DOMAIN: value })[0]?.message).toBe(
      'ACCESS_TEAM_DOMAIN must be your Access team domain, like myteam.cloudflareaccess.com; fix the value',
    )
  },
)

test('Access counts as configured only with both team domain and audience, warning when half-set', () => {
  const domainOnly = parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY, ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com' })
  expect(domainOnly.config.accessConfigured).toBe(false)
  expect(domainOnly.config.access).toBeUndefined()
  expect(domainOnly.warnings).toEqual([
    'ACCESS_TEAM_DOMAIN is set but ACCESS_AUD is not, so every API and MCP request is refused with 401; set both',
  ])
  const audOnly = parseWorkerConfig({ EXECUTOR_SECRET_KEY: KEY, ACCESS_AUD: 'aud' })
  expect(audOnly.config.accessConfigured).toBe(false)
  expect(audOnly.warnings[0]).toMatch(/^ACCESS_AUD is set but ACCESS_TEAM_DOMAIN is not/)
})

test('Access claims default to name and groups', () => {
  const { config } = parseWorkerConfig({
    EXECUTOR_SECRET_KEY: KEY,
    ACCESS_TEAM_DOMAIN: 't.cloudflareaccess.com',
    ACCESS_AUD: 'a',
  })
  expect(config.access).toMatchObject({ nameClaim: 'name', groupsClaim: 'groups' })
})

test.each(['API', 'admin', 'a--b', '-a', 'a-'])('refuses SELF_HOSTED_ORG_SLUG=%s by the shared slug rule', (slug) => {
  expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, SELF_HOSTED_ORG_SLUG: slug })[0]?.variable).toBe('SELF_HOSTED_ORG_SLUG')
})

test.each([
  ['EXECUTOR_PROGRAM_HEAP_MIB', '64', 'must be a whole number of MiB from 2 to 16 (got "64")'],
  ['EXECUTOR_MAX_CONCURRENT_EXECUTIONS', '0', 'must be a whole number of programs from 1 to 64 (got "0")'],
  ['EXECUTOR_EXECUTION_QUEUE_MS', '1.5', 'must be a whole number of milliseconds from 0 to 120000 (got "1.5")'],
])('refuses %s=%s, since the isolate could not hold it or it is no count', (variable, value, message) => {
  const [issue] = issuesOf({ EXECUTOR_SECRET_KEY: KEY, [variable]: value })
  expect(issue?.variable).toBe(variable)
  expect(issue?.message).toContain(message)
})

test('refuses a SELF_HOSTED_ORG_NAME over 100 characters', () => {
  expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, SELF_HOSTED_ORG_NAME: 'n'.repeat(101) })[0]?.variable).toBe(
    'SELF_HOSTED_ORG_NAME',
  )
})

test.each(['executor.example.com', 'ftp://x.example', 'nope'])('refuses VITE_PUBLIC_SITE_URL=%s', (value) => {
  expect(issuesOf({ EXECUTOR_SECRET_KEY: KEY, VITE_PUBLIC_SITE_URL: value })[0]?.variable).toBe('VITE_PUBLIC_SITE_URL')
})

test.each(['TRUE', '1', 'yes'])(
  'ALLOW_LOCAL_NETWORK and ENABLE_DEV_AUTH set to %s stay off, with warnings',
  (value) => {
    const { config, warnings } = parseWorkerConfig({
      EXECUTOR_SECRET_KEY: KEY,
      ALLOW_LOCAL_NETWORK: value,
      ENABLE_DEV_AUTH: value,
    })
    expect(config.allowLocalNetwork).toBe(false)
    expect(config.enableDevAuth).toBe(false)
    expect(warnings).toHaveLength(2)
  },
)

test('reports every problem at once', () => {
  const issues = issuesOf({ ADMIN_EMAILS: 'x', SELF_HOSTED_ORG_SLUG: 'api', VITE_PUBLIC_SITE_URL: 'nope' })
  expect(issues.map((issue) => issue.variable)).toEqual([
    'EXECUTOR_SECRET_KEY',
    'ADMIN_EMAILS',
    'SELF_HOSTED_ORG_SLUG',
    'VITE_PUBLIC_SITE_URL',
  ])
})
