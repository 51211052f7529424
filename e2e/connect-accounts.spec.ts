// The Connect page and the Account page end to end: snippets built from the page's real origin
// (parsed, not string-matched), a key created once and filled in, a real SDK client showing up in
// the sessions list; a member renaming themselves and changing their password; an owner's reset
// link used in a second browser context. The password changes happen to a member made here, so
// the owner's saved session that later specs use stays signed in.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Page } from '@playwright/test'
import { parse as parseToml } from 'smol-toml'
import { keepScreenshot } from './screenshots'
import { accountArea, expect, signIn, test, type Person } from './fixtures'

test.describe.configure({ mode: 'serial' })

const snippet = async (page: Page, client: string) => (await page.getByRole('group', { name: `${client} configuration` }).textContent()) ?? ''

async function invite(page: Page, who: Person, visitorPage: Page) {
  const created = await page.request.post('/api/invites', { data: { role: 'member' } })
  expect(created.status()).toBe(201)
  const { code } = (await created.json()) as { code: string }
  await visitorPage.goto(`/join/${code}`)
  await visitorPage.getByLabel('Name').fill(who.name)
  await visitorPage.getByLabel('Email').fill(who.email)
  await visitorPage.getByLabel('Password').fill(who.password)
  await visitorPage.getByRole('button', { name: 'Create account and join' }).click()
  await expect(visitorPage).toHaveURL('/')
}

test('the connect page’s snippets point at the page’s own origin, for sign-in and for a key made there', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect a client' }).click()
  await expect(page).toHaveURL('/connect')
  const origin = new URL(page.url()).origin
  const mcpUrl = `${origin}/mcp`
  await expect(page.getByTestId('mcp-url')).toHaveText(mcpUrl)

  // Sign-in (OAuth): the URL only.
  expect(JSON.parse(await snippet(page, 'Cursor'))).toEqual({ mcpServers: { executor: { url: mcpUrl } } })
  expect(JSON.parse(await snippet(page, 'VS Code'))).toEqual({ servers: { executor: { type: 'http', url: mcpUrl } } })
  expect(parseToml(await snippet(page, 'Codex'))).toEqual({ mcp_servers: { executor: { url: mcpUrl } } })
  expect(await snippet(page, 'Claude Code')).toBe(`claude mcp add --transport http executor '${mcpUrl}'`)
  expect(await snippet(page, 'Any streamable-HTTP client')).toBe(mcpUrl)
  await keepScreenshot(page, testInfo, 'connect-desktop')

  await page.getByRole('radio', { name: 'API key' }).click()
  expect(JSON.parse(await snippet(page, 'Cursor')).mcpServers.executor.headers.Authorization).toBe('Bearer <your API key>')
  await page.getByRole('button', { name: 'Create a key for this' }).click()
  await expect(page.getByRole('status')).toContainText('A new key is filled in below')
  const cursor = JSON.parse(await snippet(page, 'Cursor')) as { mcpServers: { executor: { url: string; headers: { Authorization: string } } } }
  expect(cursor.mcpServers.executor.url).toBe(mcpUrl)
  const key = cursor.mcpServers.executor.headers.Authorization.replace(/^Bearer /, '')
  expect(key).toMatch(/^exk_/)
  expect(JSON.parse(await snippet(page, 'VS Code'))).toEqual({ servers: { executor: { type: 'http', url: mcpUrl, headers: { Authorization: `Bearer ${key}` } } } })
  expect(parseToml(await snippet(page, 'Codex'))).toEqual({ mcp_servers: { executor: { url: mcpUrl, bearer_token_env_var: 'EXECUTOR_API_KEY' } } })
  await expect(page.getByText(`export EXECUTOR_API_KEY='${key}'`)).toBeVisible()
  expect(await snippet(page, 'Claude Code')).toBe(`claude mcp add --transport http executor '${mcpUrl}' --header 'Authorization: Bearer ${key}'`)
  // The key lives only in the page's memory: nothing about it is stored in the browser.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)
  expect(stored).not.toContain(key)

  // A real client connects with it and shows up in the list.
  const client = new Client({ name: 'e2e-connect-client', version: '9.8.7' })
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${key}` } } })
  await client.connect(transport)
  await client.listTools()
  await page.getByRole('button', { name: 'Refresh' }).click()
  const sessions = page.getByRole('table', { name: 'Your recent MCP sessions' })
  const row = sessions.getByRole('row').filter({ hasText: 'e2e-connect-client' })
  await expect(row).toContainText('9.8.7')
  await expect(row).toContainText('Open')
  await keepScreenshot(page, testInfo, 'connect-desktop-key')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'connect-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  await transport.terminateSession()
  await client.close()
  // Reloaded, the key is gone from the snippets for good.
  await page.reload()
  await page.getByRole('radio', { name: 'API key' }).click()
  expect(await snippet(page, 'Cursor')).not.toContain(key)
  await expect(sessions.getByRole('row').filter({ hasText: 'e2e-connect-client' })).toContainText('Ended')
})

const rosa: Person = { name: 'Rosa Rename', email: 'rosa@example.com', password: 'Rosa-likes-42-tea' }

test('a member renames themselves and changes their password; other sessions are signed out', async ({ page, visitor }, testInfo) => {
  const rosaPage = await visitor()
  await invite(page, rosa, rosaPage)
  const otherDevice = await visitor()
  await otherDevice.goto('/login')
  await signIn(otherDevice, rosa)

  await rosaPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click()
  await expect(rosaPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  // A member sees neither everyone's keys nor reset links.
  await expect(rosaPage.getByRole('heading', { name: 'Everyone’s API keys' })).toHaveCount(0)
  await expect(rosaPage.getByRole('heading', { name: 'Password reset links' })).toHaveCount(0)

  await rosaPage.getByRole('textbox', { name: 'Name' }).fill('Rosa Renamed')
  await rosaPage.getByRole('button', { name: 'Save name' }).click()
  await expect(rosaPage.getByRole('status')).toHaveText('Name saved')
  await expect(accountArea(rosaPage).getByText('Rosa Renamed')).toBeVisible()

  await rosaPage.getByLabel('Current password').fill('wrong-password-1')
  await rosaPage.getByLabel('New password').fill('Rosa-new-pass-43')
  await rosaPage.getByRole('button', { name: 'Change password' }).click()
  await expect(rosaPage.getByRole('alert')).toHaveText('Your current password is not right')
  await rosaPage.getByLabel('Current password').fill(rosa.password)
  await rosaPage.getByRole('button', { name: 'Change password' }).click()
  await expect(rosaPage.getByRole('status').filter({ hasText: 'Password changed' })).toHaveText('Password changed; your other sessions were signed out')
  await keepScreenshot(rosaPage, testInfo, 'account-member-desktop')
  rosa.password = 'Rosa-new-pass-43'

  // This tab goes on; the other device is signed out.
  await rosaPage.reload()
  await expect(rosaPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await otherDevice.goto('/executions')
  await expect(otherDevice).toHaveURL(/\/login/)
})

test('an owner issues a reset link, the member sets a new password with it in another browser, and it works once', async ({ page, visitor }, testInfo) => {
  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'Everyone’s API keys' })).toBeVisible()
  await page.getByLabel('Member').selectOption({ label: 'Rosa Renamed (rosa@example.com)' })
  await page.getByRole('button', { name: 'Issue reset link' }).click()
  const region = page.getByRole('region', { name: 'Reset link for rosa@example.com' })
  await expect(region).toBeVisible()
  const link = (await region.locator('code').textContent()) ?? ''
  expect(link.startsWith(`${new URL(page.url()).origin}/reset-password/`)).toBe(true)
  await keepScreenshot(page, testInfo, 'account-owner-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'account-owner-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  const rosaPage = await visitor()
  await rosaPage.setViewportSize({ width: 390, height: 844 })
  await rosaPage.goto(link)
  await expect(rosaPage.getByRole('heading', { name: 'Set a new password' })).toBeVisible()
  await rosaPage.getByLabel('New password').fill('short')
  await rosaPage.getByRole('button', { name: 'Set password' }).click()
  await expect(rosaPage.getByText('Password must be at least 10 characters')).toBeVisible()
  await rosaPage.getByLabel('New password').fill('Rosa-reset-pass-44')
  await rosaPage.getByRole('button', { name: 'Set password' }).click()
  await expect(rosaPage.getByRole('heading', { name: 'Password set' })).toBeVisible()
  await keepScreenshot(rosaPage, testInfo, 'reset-password-done-390')
  await rosaPage.getByRole('link', { name: 'Sign in' }).click()
  await signIn(rosaPage, { ...rosa, password: 'Rosa-reset-pass-44' })

  const again = await visitor()
  await again.goto(link)
  await again.getByLabel('New password').fill('Rosa-again-pass-45')
  await again.getByRole('button', { name: 'Set password' }).click()
  await expect(again.getByRole('alert')).toContainText('used already or has expired')
})

test('an owner revokes a member’s key from the account page', async ({ page, visitor }) => {
  const rosaPage = await visitor()
  await rosaPage.goto('/login')
  await signIn(rosaPage, { ...rosa, password: 'Rosa-reset-pass-44' })
  const created = await rosaPage.request.post('/api/api-keys', { data: { name: 'rosa-laptop' } })
  expect(created.status()).toBe(201)
  const { key } = (await created.json()) as { key: string }

  await page.goto('/account')
  const table = page.getByRole('table', { name: 'Everyone’s API keys' })
  const row = table.getByRole('row').filter({ hasText: 'rosa-laptop' })
  await expect(row).toContainText('rosa@example.com')
  await row.getByRole('button', { name: 'Revoke rosa-laptop of rosa@example.com' }).click()
  await row.getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(row).toHaveCount(0)
  const refused = await page.request.get('/api/me', { headers: { authorization: `Bearer ${key}` } })
  expect(refused.status()).toBe(401)
})
