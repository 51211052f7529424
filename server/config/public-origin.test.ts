import { expect, test } from 'vitest'
import { ConfigError } from './config-error'
import { parseHost, parseOrigin, resolvePublicOrigin } from './public-origin'

function resolve(env: Record<string, string | undefined>, isProduction = false) {
  return resolvePublicOrigin(env, 4788, isProduction)
}

function issuesOf(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  throw new Error('expected a ConfigError')
}

test('defaults to http://localhost:<port> without a warning outside production', () => {
  expect(resolvePublicOrigin({}, 8080, false)).toEqual({
    origin: 'http://localhost:8080',
    source: 'default',
    warnings: [],
  })
})

test('warns exactly once in production when falling back to localhost', () => {
  const { origin, warnings } = resolve({}, true)
  expect(origin).toBe('http://localhost:4788')
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('EXECUTOR_WEB_BASE_URL')
})

test('does not warn in production when an origin is configured', () => {
  expect(resolve({ EXECUTOR_WEB_BASE_URL: 'https://x.example' }, true).warnings).toEqual([])
})

test.each([
  ['EXECUTOR_WEB_BASE_URL', 'https://executor.example.com', 'https://executor.example.com'],
  ['RENDER_EXTERNAL_URL', 'https://app.onrender.com', 'https://app.onrender.com'],
  ['DEPLOY_PRIME_URL', 'https://deploy-preview-1--site.netlify.app', 'https://deploy-preview-1--site.netlify.app'],
  ['URL', 'https://site.netlify.app', 'https://site.netlify.app'],
  ['CF_PAGES_URL', 'https://abc.project.pages.dev', 'https://abc.project.pages.dev'],
  ['RAILWAY_PUBLIC_DOMAIN', 'app.up.railway.app', 'https://app.up.railway.app'],
  ['RENDER_EXTERNAL_HOSTNAME', 'app.onrender.com', 'https://app.onrender.com'],
  ['VERCEL_PROJECT_PRODUCTION_URL', 'app.vercel.app', 'https://app.vercel.app'],
  ['VERCEL_URL', 'app-git-main.vercel.app', 'https://app-git-main.vercel.app'],
  ['HEROKU_APP_DEFAULT_DOMAIN_NAME', 'app-1234.herokuapp.com', 'https://app-1234.herokuapp.com'],
  ['WEBSITE_HOSTNAME', 'app.azurewebsites.net', 'https://app.azurewebsites.net'],
  ['FLY_APP_NAME', 'my-app', 'https://my-app.fly.dev'],
  ['SITE_NAME', 'my-site', 'https://my-site.netlify.app'],
])('takes the origin from %s alone', (variable, value, origin) => {
  expect(resolve({ [variable]: value })).toEqual({ origin, source: variable, warnings: [] })
})

test('follows the documented precedence, each variable beating every later one', () => {
  const chain = [
    ['EXECUTOR_WEB_BASE_URL', 'https://a.example'],
    ['RENDER_EXTERNAL_URL', 'https://b.example'],
    ['DEPLOY_PRIME_URL', 'https://c.example'],
    ['URL', 'https://d.example'],
    ['CF_PAGES_URL', 'https://e.example'],
    ['RAILWAY_PUBLIC_DOMAIN', 'f.example'],
    ['RENDER_EXTERNAL_HOSTNAME', 'g.example'],
    ['VERCEL_PROJECT_PRODUCTION_URL', 'h.example'],
    ['VERCEL_URL', 'i.example'],
    ['HEROKU_APP_DEFAULT_DOMAIN_NAME', 'j.example'],
    ['WEBSITE_HOSTNAME', 'k.example'],
    ['FLY_APP_NAME', 'l'],
    ['SITE_NAME', 'm'],
  ] as const
  for (let winner = 0; winner < chain.length; winner++) {
    const env = Object.fromEntries(chain.slice(winner))
    expect(resolve(env).source).toBe(chain[winner]?.[0])
  }
})

test('skips empty variables when walking the chain', () => {
  expect(resolve({ EXECUTOR_WEB_BASE_URL: '', URL: '  ', VERCEL_URL: 'app.vercel.app' }).source).toBe('VERCEL_URL')
})

test('reduces a URL to its origin, dropping path, query and trailing slash', () => {
  expect(resolve({ EXECUTOR_WEB_BASE_URL: 'https://X.Example:443/app/?q=1#h' }).origin).toBe('https://x.example')
  expect(resolve({ EXECUTOR_WEB_BASE_URL: 'http://x.example:8080/' }).origin).toBe('http://x.example:8080')
})

test.each(['not a url', 'x.example', 'ftp://x.example', 'javascript:alert(1)', 'https://', 'localhost:4788'])(
  'refuses EXECUTOR_WEB_BASE_URL=%s naming the variable and the fix',
  (value) => {
    expect(issuesOf(() => resolve({ EXECUTOR_WEB_BASE_URL: value }))).toEqual([
      {
        variable: 'EXECUTOR_WEB_BASE_URL',
        message:
          'EXECUTOR_WEB_BASE_URL is not an http(s) URL; set it to the origin browsers use, like https://executor.example.com',
      },
    ])
  },
)

test('refuses a bad platform URL instead of falling through to a later variable', () => {
  const [issue] = issuesOf(() => resolve({ RENDER_EXTERNAL_URL: 'nope', VERCEL_URL: 'app.vercel.app' }))
  expect(issue?.variable).toBe('RENDER_EXTERNAL_URL')
  expect(issue?.message).toContain('set EXECUTOR_WEB_BASE_URL')
})

test('accepts a host variable that already carries a scheme, without doubling it', () => {
  expect(resolve({ VERCEL_URL: 'https://app.vercel.app' }).origin).toBe('https://app.vercel.app')
  expect(resolve({ RAILWAY_PUBLIC_DOMAIN: 'http://app.internal:8080/' }).origin).toBe('http://app.internal:8080')
})

test.each(['app.vercel.app/path', 'app.vercel.app?x=1', 'user:pw@app.vercel.app', 'two words', 'ftp://app.vercel.app'])(
  'refuses a host variable holding %s',
  (value) => {
    const [issue] = issuesOf(() => resolve({ VERCEL_URL: value }))
    expect(issue?.message).toMatch(/^VERCEL_URL is not a host name like app\.example\.com; /)
  },
)

test.each(['my.app', 'my app', '-app', 'app/x'])('refuses %s as a FLY_APP_NAME or SITE_NAME', (value) => {
  expect(issuesOf(() => resolve({ FLY_APP_NAME: value }))[0]?.message).toMatch(/^FLY_APP_NAME is not an app name/)
  expect(issuesOf(() => resolve({ SITE_NAME: value }))[0]?.message).toMatch(/^SITE_NAME is not an app name/)
})

test('never reads a Host header or anything outside the listed variables', () => {
  expect(resolve({ HOST: 'evil.example', HTTP_HOST: 'evil.example', HOSTNAME: 'evil.example' }).source).toBe('default')
})

test('parseOrigin and parseHost are shared helpers with the same rules', () => {
  expect(parseOrigin('https://x.example/a')).toBe('https://x.example')
  expect(parseOrigin('x.example')).toBeUndefined()
  expect(parseHost('https://Team.cloudflareaccess.com/')).toEqual({
    host: 'team.cloudflareaccess.com',
    origin: 'https://team.cloudflareaccess.com',
  })
  expect(parseHost('team.cloudflareaccess.com/cdn-cgi')).toBeUndefined()
})
