// The console on the Worker, as the fixed dev admin (dev auth stands in for Cloudflare Access):
// who you are is shown, and none of the container's account screens (setup, sign-in, invites,
// API keys, passwords, MCP sign-in) is offered or reachable.
import { connectMcp } from '../../test/harness/mcp-client'
import { accountArea, expect, test } from '../fixtures'
import { bothWidths } from './shots'

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Main' })

test('the overview shows the organization, the MCP endpoint and who dev auth says you are', async ({ page, baseURL }, testInfo) => {
  await page.goto('/')
  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  const status = page.getByRole('region', { name: 'Status' })
  await expect(status.getByText('Acme Robotics')).toBeVisible()
  await expect(status.getByText('Cloudflare Worker')).toBeVisible()
  await expect(status.getByText('Healthy')).toBeVisible()
  // The test Worker has the R2 binding, so integration sources go to the bucket.
  await expect(status.locator('div', { hasText: 'Source documents' })).toContainText('R2 bucket')
  await expect(page.getByText(`${baseURL}/mcp`)).toBeVisible()

  const account = accountArea(page)
  await expect(account.getByText('Dev Admin')).toBeVisible()
  await expect(account.getByText('Owner')).toBeVisible()
  // Dev auth is not Access: the console says which one vouched for you, and offers no sign-out
  // (every request is the dev admin, so there is no session to end).
  await expect(account.getByText('via dev auth')).toBeVisible()
  await expect(account.getByText('via Cloudflare Access')).toHaveCount(0)
  await expect(account.getByRole('link', { name: 'Sign out' })).toHaveCount(0)
  await expect(account.getByRole('link', { name: 'Authorized clients' })).toHaveCount(0)

  const links = nav(page).getByRole('link')
  await expect(links).toHaveText(['Overview', 'Connect a client', 'Executions', 'Integrations', 'Tools', 'Policies', 'Toolkits', 'Account', 'Admin'])
  await expect(page.getByRole('link', { name: /sign in|sign up|api keys|invite/i })).toHaveCount(0)
  await bothWidths(page, testInfo, 'overview')
})

test('the account page shows who you are and where your role comes from, with no password or keys', async ({ page }, testInfo) => {
  await page.goto('/')
  await nav(page).getByRole('link', { name: 'Account' }).click()
  await expect(page).toHaveURL('/account')
  await expect(page.getByRole('heading', { level: 1, name: 'Your identity' })).toBeVisible()
  await expect(page.getByText('Dev auth is on (ENABLE_DEV_AUTH)')).toBeVisible()
  const who = page.getByRole('region', { name: 'Who dev auth says you are' })
  for (const [label, value] of [['Name', 'Dev Admin'], ['Email', 'dev@localhost'], ['Role', 'Owner'], ['Groups', 'None sent']]) {
    await expect(who.getByRole('term').filter({ hasText: label })).toBeVisible()
    await expect(who.getByRole('definition').filter({ hasText: new RegExp(`^${value}$`) })).toBeVisible()
  }
  await expect(page.getByRole('region', { name: 'Where your role comes from' })).toContainText('ADMIN_EMAILS')
  await expect(page.getByLabel(/password/i)).toHaveCount(0)
  await expect(page.getByText(/API key/i)).toHaveCount(0)
  await bothWidths(page, testInfo, 'account')
})

test('the container-only pages send you to the overview instead of failing', async ({ page }) => {
  for (const path of ['/login', '/setup', '/join/abc123', '/reset-password/abc123', '/api-keys', '/authorized-clients', '/mcp-consent?client_id=x']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    await expect(page, path).toHaveURL('/')
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' }), path).toBeVisible()
  }
})

test('the connect page gives each client the MCP URL with no sign-in step or API key, and lists your MCP sessions', async ({ page, baseURL }, testInfo) => {
  // A client connected now, over the Worker's Durable Object sessions, as the dev admin.
  const mcp = await connectMcp(baseURL ?? '', 'unused-with-dev-auth')
  try {
    await page.goto('/')
    await nav(page).getByRole('link', { name: 'Connect a client' }).click()
    await expect(page).toHaveURL('/connect')
    await expect(page.getByRole('heading', { level: 1, name: 'Connect a client' })).toBeVisible()
    const configuration = page.getByRole('region', { name: 'Client configuration' })
    await expect(configuration).toContainText('clients connect without signing in and act as the dev admin')
    await expect(configuration).toContainText('there are no API keys on this deployment')
    await expect(configuration.getByText(/sign in|Authenticate/)).toHaveCount(0)
    await expect(page.getByRole('button', { name: /create.*key/i })).toHaveCount(0)
    await expect(page.getByText(`claude mcp add --transport http executor '${baseURL}/mcp'`)).toBeVisible()
    const sessions = page.getByRole('table', { name: 'Your recent MCP sessions' })
    await expect(sessions.getByRole('row', { name: /executor-tests/ }).first()).toContainText('1.0.0')
    await bothWidths(page, testInfo, 'connect')
  } finally {
    await mcp.close()
  }
})
