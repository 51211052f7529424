import { expect, test } from 'vitest'
import { ConfigError, type ConfigIssue } from './config-error'
import { parseContainerConfig } from './container'

const SECRET = 's3cr3t-value-that-must-never-leak'

function issuesOf(env: Record<string, string | undefined>): ConfigIssue[] {
  try {
    parseContainerConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  throw new Error('expected a ConfigError')
}

function onlyIssue(env: Record<string, string | undefined>): ConfigIssue {
  const issues = issuesOf(env)
  expect(issues).toHaveLength(1)
  const [issue] = issues
  if (issue === undefined) throw new Error('no issue')
  return issue
}

test('an empty environment gives every default', () => {
  expect(parseContainerConfig({})).toEqual({
    config: {
      port: 4788,
      host: '127.0.0.1',
      dataDir: './.executor-data',
      dbPath: './.executor-data/data.db',
      publicOrigin: 'http://localhost:4788',
      publicOriginSource: 'default',
      trustedOrigins: ['http://localhost:4788', 'http://127.0.0.1:4788', 'http://[::1]:4788'],
      loopbackBind: true,
      betterAuthSecret: undefined,
      secretKey: undefined,
      bootstrapAdmin: undefined,
      org: { name: 'Default', slug: 'default' },
      allowLocalNetwork: false,
      mcpSessions: { idleMs: 1_800_000, perPrincipal: 32, total: 2000 },
      serverTiming: false,
      isProduction: false,
      bodyLimits: { api: 1024 * 1024, mcp: 4 * 1024 * 1024, documents: 50 * 1024 * 1024 },
      trustedProxyHops: 0,
      setupCodeRequired: false,
      sandboxWorkers: undefined,
      admission: { maxConcurrent: 8, maxPerPrincipal: 4, queueMs: 2000 },
      mcpAccessTokenTtlSeconds: 3600,
    },
    warnings: [],
  })
})

test('empty strings count as unset', () => {
  const blank = {
    PORT: '',
    EXECUTOR_HOST: '',
    EXECUTOR_DATA_DIR: '',
    EXECUTOR_DB_PATH: '',
    EXECUTOR_WEB_BASE_URL: '',
    BETTER_AUTH_SECRET: '',
    EXECUTOR_SECRET_KEY: '',
    EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: '',
    EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: '',
    EXECUTOR_BOOTSTRAP_ADMIN_NAME: '',
    EXECUTOR_ORG_NAME: '',
    EXECUTOR_ORG_SLUG: '',
    EXECUTOR_ALLOW_LOCAL_NETWORK: '',
    EXECUTOR_MAX_REQUEST_BYTES: '',
    EXECUTOR_MAX_MCP_REQUEST_BYTES: '',
    EXECUTOR_TRUSTED_PROXY_HOPS: '',
    EXECUTOR_SETUP_CODE_REQUIRED: '',
    EXECUTOR_SANDBOX_WORKERS: '',
    EXECUTOR_MAX_CONCURRENT_EXECUTIONS: '',
    EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: '',
    EXECUTOR_EXECUTION_QUEUE_MS: '',
    EXECUTOR_MCP_TOKEN_TTL_SECONDS: '',
    NODE_ENV: '',
  }
  expect(parseContainerConfig(blank)).toEqual(parseContainerConfig({}))
})

test('reads every variable when set', () => {
  const { config } = parseContainerConfig({
    PORT: '8080',
    EXECUTOR_HOST: '0.0.0.0',
    EXECUTOR_DATA_DIR: '/data',
    EXECUTOR_DB_PATH: '/db/executor.db',
    EXECUTOR_WEB_BASE_URL: 'https://executor.example.com/',
    BETTER_AUTH_SECRET: 'a'.repeat(32),
    EXECUTOR_SECRET_KEY: 'b'.repeat(32),
    EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: ' Owner@Example.com ',
    EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'Password-123',
    EXECUTOR_BOOTSTRAP_ADMIN_NAME: 'Ada',
    EXECUTOR_ORG_NAME: 'Acme Corp',
    EXECUTOR_ORG_SLUG: 'acme',
    EXECUTOR_ALLOW_LOCAL_NETWORK: 'true',
    EXECUTOR_MCP_SESSION_IDLE_SECONDS: '600',
    EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL: '8',
    EXECUTOR_MCP_SESSIONS_MAX: '500',
    EXECUTOR_MAX_REQUEST_BYTES: '2097152',
    EXECUTOR_MAX_MCP_REQUEST_BYTES: '8388608',
    EXECUTOR_TRUSTED_PROXY_HOPS: '1',
    EXECUTOR_SERVER_TIMING: 'true',
    EXECUTOR_SANDBOX_WORKERS: '3',
    EXECUTOR_MAX_CONCURRENT_EXECUTIONS: '16',
    EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: '2',
    EXECUTOR_EXECUTION_QUEUE_MS: '0',
    EXECUTOR_MCP_TOKEN_TTL_SECONDS: '900',
    NODE_ENV: 'production',
  })
  expect(config).toEqual({
    port: 8080,
    host: '0.0.0.0',
    dataDir: '/data',
    dbPath: '/db/executor.db',
    publicOrigin: 'https://executor.example.com',
    publicOriginSource: 'EXECUTOR_WEB_BASE_URL',
    trustedOrigins: ['https://executor.example.com'],
    loopbackBind: false,
    betterAuthSecret: 'a'.repeat(32),
    secretKey: 'b'.repeat(32),
    bootstrapAdmin: { email: 'owner@example.com', password: 'Password-123', name: 'Ada' },
    org: { name: 'Acme Corp', slug: 'acme' },
    allowLocalNetwork: true,
    mcpSessions: { idleMs: 600_000, perPrincipal: 8, total: 500 },
    serverTiming: true,
    isProduction: true,
    bodyLimits: { api: 2 * 1024 * 1024, mcp: 8 * 1024 * 1024, documents: 50 * 1024 * 1024 },
    trustedProxyHops: 1,
    setupCodeRequired: true,
    sandboxWorkers: 3,
    admission: { maxConcurrent: 16, maxPerPrincipal: 2, queueMs: 0 },
    mcpAccessTokenTtlSeconds: 900,
  })
})

test('accepts IP addresses and localhost as EXECUTOR_HOST, and nothing else', () => {
  for (const host of ['127.0.0.1', '0.0.0.0', '::', '::1', '10.1.2.3', 'localhost']) {
    expect(parseContainerConfig({ EXECUTOR_HOST: host }).config.host).toBe(host)
  }
  for (const host of ['not-a-host', 'example.com', '[::1]', '127.0.0.1:80', '300.1.1.1']) {
    expect(onlyIssue({ EXECUTOR_HOST: host }).message).toMatch(/^EXECUTOR_HOST must be an IP address to listen on/)
  }
})

test('the owner claim needs the setup code when the bind reaches beyond this machine, or when forced on', () => {
  const required = (env: Record<string, string>) => parseContainerConfig(env).config.setupCodeRequired
  expect(required({ EXECUTOR_HOST: '127.0.0.1' })).toBe(false)
  expect(required({ EXECUTOR_HOST: '127.0.0.2' })).toBe(false)
  expect(required({ EXECUTOR_HOST: '::1' })).toBe(false)
  expect(required({ EXECUTOR_HOST: 'localhost' })).toBe(false)
  expect(required({ EXECUTOR_HOST: '0.0.0.0' })).toBe(true)
  expect(required({ EXECUTOR_HOST: '::' })).toBe(true)
  expect(required({ EXECUTOR_HOST: '192.168.1.5' })).toBe(true)
  expect(required({ EXECUTOR_HOST: '127.0.0.1', EXECUTOR_SETUP_CODE_REQUIRED: 'true' })).toBe(true)
  expect(required({ EXECUTOR_HOST: '127.0.0.1', EXECUTOR_SETUP_CODE_REQUIRED: 'yes' })).toBe(false)
})

test.each([
  ['EXECUTOR_TRUSTED_PROXY_HOPS', '-1'],
  ['EXECUTOR_TRUSTED_PROXY_HOPS', '11'],
  ['EXECUTOR_TRUSTED_PROXY_HOPS', 'one'],
  ['EXECUTOR_MAX_REQUEST_BYTES', '1MiB'],
  ['EXECUTOR_MAX_REQUEST_BYTES', '10'],
  ['EXECUTOR_MAX_MCP_REQUEST_BYTES', '99999999999'],
])('refuses %s=%s with one line naming it', (variable, value) => {
  expect(onlyIssue({ [variable]: value }).message).toMatch(new RegExp(`^${variable} must be a whole number`))
})

test('concurrency settings must be whole numbers in range, one line each', () => {
  expect(onlyIssue({ EXECUTOR_MAX_CONCURRENT_EXECUTIONS: '0' }).message).toBe(
    'EXECUTOR_MAX_CONCURRENT_EXECUTIONS must be a whole number of programs from 1 to 1024 (got "0"); fix it or unset it for the default',
  )
  expect(onlyIssue({ EXECUTOR_SANDBOX_WORKERS: 'many' }).message).toContain('EXECUTOR_SANDBOX_WORKERS must be a whole number of threads')
  expect(onlyIssue({ EXECUTOR_EXECUTION_QUEUE_MS: '-5' }).message).toContain('from 0 to 60000')
  expect(onlyIssue({ EXECUTOR_MCP_TOKEN_TTL_SECONDS: '0' }).message).toContain('from 1 to 86400')
  expect(onlyIssue({ EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL: '2.5' }).variable).toBe('EXECUTOR_MAX_EXECUTIONS_PER_PRINCIPAL')
})

test('puts the database in the data dir unless EXECUTOR_DB_PATH says otherwise', () => {
  expect(parseContainerConfig({ EXECUTOR_DATA_DIR: '/data' }).config.dbPath).toBe('/data/data.db')
  expect(parseContainerConfig({ EXECUTOR_DATA_DIR: '/data/' }).config.dbPath).toBe('/data/data.db')
  expect(parseContainerConfig({ EXECUTOR_DATA_DIR: '/' }).config.dbPath).toBe('/data.db')
})

test('uses PORT in the default public origin', () => {
  expect(parseContainerConfig({ PORT: '9000' }).config.publicOrigin).toBe('http://localhost:9000')
})

test('takes a platform-detected origin and says where it came from', () => {
  const { config } = parseContainerConfig({ FLY_APP_NAME: 'my-app' })
  expect(config.publicOrigin).toBe('https://my-app.fly.dev')
  expect(config.publicOriginSource).toBe('FLY_APP_NAME')
})

test('only NODE_ENV=production marks production', () => {
  expect(parseContainerConfig({ NODE_ENV: 'production' }).config.isProduction).toBe(true)
  expect(parseContainerConfig({ NODE_ENV: 'development' }).config.isProduction).toBe(false)
})

test('warns exactly once when production falls back to localhost', () => {
  const { warnings } = parseContainerConfig({ NODE_ENV: 'production' })
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('http://localhost:4788')
})

test.each(['0', '65536', '-1', '80.5', 'abc', '4788abc', '1e3'])('refuses PORT=%s', (port) => {
  expect(onlyIssue({ PORT: port })).toEqual({
    variable: 'PORT',
    message: `PORT must be a whole number from 1 to 65535 (got "${port}"); fix or unset it to use 4788`,
  })
})

test.each(['1', '65535', '443'])('accepts PORT=%s', (port) => {
  expect(parseContainerConfig({ PORT: port }).config.port).toBe(Number(port))
})

test('refuses a short BETTER_AUTH_SECRET without echoing it', () => {
  const issue = onlyIssue({ BETTER_AUTH_SECRET: 'x'.repeat(12) })
  expect(issue).toEqual({
    variable: 'BETTER_AUTH_SECRET',
    message:
      'BETTER_AUTH_SECRET must be at least 32 characters (got 12); set a longer value or unset it to use a generated one',
  })
})

test('refuses a short EXECUTOR_SECRET_KEY without echoing it', () => {
  const issue = onlyIssue({ EXECUTOR_SECRET_KEY: SECRET.slice(0, 20) })
  expect(issue.variable).toBe('EXECUTOR_SECRET_KEY')
  expect(issue.message).toMatch(/^EXECUTOR_SECRET_KEY must be at least 32 characters \(got 20\); /)
  expect(issue.message).not.toContain(SECRET.slice(0, 20))
})

test('accepts secrets of exactly 32 characters', () => {
  const { config } = parseContainerConfig({ BETTER_AUTH_SECRET: 'a'.repeat(32), EXECUTOR_SECRET_KEY: 'b'.repeat(32) })
  expect(config.betterAuthSecret).toHaveLength(32)
  expect(config.secretKey).toHaveLength(32)
})

test('reads EXECUTOR_SECRET_KEY_PREVIOUS, with the same 32-character floor as the current key', () => {
  const { config } = parseContainerConfig({ EXECUTOR_SECRET_KEY: 'b'.repeat(32), EXECUTOR_SECRET_KEY_PREVIOUS: 'a'.repeat(32) })
  expect(config.previousSecretKey).toBe('a'.repeat(32))
  expect(parseContainerConfig({}).config.previousSecretKey).toBeUndefined()
  const issue = onlyIssue({ EXECUTOR_SECRET_KEY_PREVIOUS: SECRET.slice(0, 20) })
  expect(issue.variable).toBe('EXECUTOR_SECRET_KEY_PREVIOUS')
  expect(issue.message).toMatch(/^EXECUTOR_SECRET_KEY_PREVIOUS must be at least 32 characters \(got 20\); /)
  expect(issue.message).not.toContain(SECRET.slice(0, 20))
})

test('refuses an EXECUTOR_SECRET_KEY_PREVIOUS equal to EXECUTOR_SECRET_KEY without echoing it', () => {
  const issue = onlyIssue({ EXECUTOR_SECRET_KEY: SECRET, EXECUTOR_SECRET_KEY_PREVIOUS: SECRET })
  expect(issue).toEqual({
    variable: 'EXECUTOR_SECRET_KEY_PREVIOUS',
    message:
      'EXECUTOR_SECRET_KEY_PREVIOUS is the same key as EXECUTOR_SECRET_KEY; set EXECUTOR_SECRET_KEY to the new key, or unset EXECUTOR_SECRET_KEY_PREVIOUS',
  })
})

test('never puts a secret or password value into any error message', () => {
  const error = (() => {
    try {
      parseContainerConfig({
        BETTER_AUTH_SECRET: SECRET.slice(0, 31),
        EXECUTOR_SECRET_KEY: SECRET.slice(1, 30),
        EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'hunter2',
        EXECUTOR_WEB_BASE_URL: `ftp://user:${SECRET}@x.example`,
      })
    } catch (caught) {
      return caught
    }
  })()
  expect(error).toBeInstanceOf(ConfigError)
  const text = error instanceof ConfigError ? error.message : ''
  expect(text).not.toContain(SECRET.slice(0, 31))
  expect(text).not.toContain(SECRET.slice(1, 30))
  expect(text).not.toContain(SECRET)
  expect(text).not.toContain('hunter2')
})

test('refuses the bootstrap email without the password', () => {
  const issue = onlyIssue({ EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'owner@example.com' })
  expect(issue.variable).toBe('EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD')
  expect(issue.message).toContain('set both')
})

test('refuses the bootstrap password without the email, and never echoes the password', () => {
  const issue = onlyIssue({ EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery' })
  expect(issue.variable).toBe('EXECUTOR_BOOTSTRAP_ADMIN_EMAIL')
  expect(issue.message).not.toContain('correct horse battery')
})

test('refuses a bootstrap email that is not an email', () => {
  const issue = onlyIssue({ EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'owner', EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'Password-123' })
  expect(issue.message).toBe(
    'EXECUTOR_BOOTSTRAP_ADMIN_EMAIL must be an email address like owner@example.com (got "owner")',
  )
})

test('refuses a weak bootstrap password with the setup page rule, never echoing it', () => {
  const env = { EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'owner@example.com' }
  const short = onlyIssue({ ...env, EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'short' })
  expect(short.message).toBe(
    'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD is too weak: Password must be at least 10 characters; choose a stronger password',
  )
  expect(onlyIssue({ ...env, EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'p'.repeat(129) }).variable).toBe(
    'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD',
  )
  expect(onlyIssue({ ...env, EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'alllowercase1' }).message).not.toContain('alllowercase1')
  expect(parseContainerConfig({ ...env, EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD: 'Ten chars!1' }).config.bootstrapAdmin).toEqual({
    email: 'owner@example.com',
    password: 'Ten chars!1',
    name: 'Admin',
  })
})

test('refuses an org name over 100 characters and trims a shorter one', () => {
  expect(onlyIssue({ EXECUTOR_ORG_NAME: 'n'.repeat(101) }).message).toBe(
    'EXECUTOR_ORG_NAME must be at most 100 characters (got 101); shorten it',
  )
  expect(parseContainerConfig({ EXECUTOR_ORG_NAME: '  Acme  ' }).config.org.name).toBe('Acme')
})

test.each(['API', 'api', '-acme', 'acme-', 'acme--corp', 'a', 'x'.repeat(49)])(
  'refuses EXECUTOR_ORG_SLUG=%s',
  (slug) => {
    expect(onlyIssue({ EXECUTOR_ORG_SLUG: slug }).variable).toBe('EXECUTOR_ORG_SLUG')
  },
)

test('refuses an unparseable EXECUTOR_WEB_BASE_URL', () => {
  expect(onlyIssue({ EXECUTOR_WEB_BASE_URL: 'executor.example.com' }).variable).toBe('EXECUTOR_WEB_BASE_URL')
})

test.each(['TRUE', 'True', '1', 'yes', 'on', ' true'])(
  'EXECUTOR_ALLOW_LOCAL_NETWORK=%s stays off, with a warning',
  (value) => {
    const { config, warnings } = parseContainerConfig({ EXECUTOR_ALLOW_LOCAL_NETWORK: value })
    expect(config.allowLocalNetwork).toBe(false)
    expect(warnings).toEqual([
      `EXECUTOR_ALLOW_LOCAL_NETWORK is "${value}", which leaves it off; only the exact string "true" enables it`,
    ])
  },
)

test('EXECUTOR_ALLOW_LOCAL_NETWORK=false is off without a warning', () => {
  expect(parseContainerConfig({ EXECUTOR_ALLOW_LOCAL_NETWORK: 'false' })).toMatchObject({
    config: { allowLocalNetwork: false },
    warnings: [],
  })
})

test('reports every problem at once, one line each', () => {
  const issues = issuesOf({
    PORT: 'x',
    BETTER_AUTH_SECRET: 'short',
    EXECUTOR_ORG_SLUG: 'admin',
    EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'owner@example.com',
    URL: 'not a url',
  })
  expect(issues.map((issue) => issue.variable)).toEqual([
    'PORT',
    'BETTER_AUTH_SECRET',
    'EXECUTOR_ORG_SLUG',
    'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD',
    'URL',
  ])
  for (const issue of issues) {
    expect(issue.message.startsWith(`${issue.variable} `)).toBe(true)
    expect(issue.message).not.toContain('\n')
  }
})

test('ignores variables it does not know', () => {
  expect(parseContainerConfig({ SOMETHING_ELSE: 'x', PATH: '/bin' }).config.port).toBe(4788)
})

test('loopback spellings are trusted only when no origin is configured and the bind is loopback', () => {
  expect(parseContainerConfig({ PORT: '5000' }).config.trustedOrigins).toEqual([
    'http://localhost:5000',
    'http://127.0.0.1:5000',
    'http://[::1]:5000',
  ])
  const configured = parseContainerConfig({ EXECUTOR_WEB_BASE_URL: 'https://executor.example.com' }).config
  expect(configured.trustedOrigins).toEqual(['https://executor.example.com'])
  expect(configured.loopbackBind).toBe(true)
  const wildcard = parseContainerConfig({ EXECUTOR_HOST: '0.0.0.0' }).config
  expect(wildcard.trustedOrigins).toEqual(['http://localhost:4788'])
  expect(wildcard.loopbackBind).toBe(false)
  expect(parseContainerConfig({ EXECUTOR_HOST: 'localhost' }).config.loopbackBind).toBe(true)
  expect(parseContainerConfig({ EXECUTOR_HOST: '::1' }).config.loopbackBind).toBe(true)
})

test('MCP session bounds come from their variables, and nonsense is refused', () => {
  const { config } = parseContainerConfig({
    EXECUTOR_MCP_SESSION_IDLE_SECONDS: '90',
    EXECUTOR_MCP_SESSIONS_PER_PRINCIPAL: '4',
    EXECUTOR_MCP_SESSIONS_MAX: '100',
  })
  expect(config.mcpSessions).toEqual({ idleMs: 90_000, perPrincipal: 4, total: 100 })
  expect(onlyIssue({ EXECUTOR_MCP_SESSIONS_MAX: '0' }).message).toMatch(/EXECUTOR_MCP_SESSIONS_MAX must be a whole number of sessions/)
  expect(onlyIssue({ EXECUTOR_MCP_SESSION_IDLE_SECONDS: '1.5' }).message).toMatch(/seconds from 1 to 1000000/)
})
