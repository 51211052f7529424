import { accountArea, expect, test } from './fixtures'
import { keepScreenshot } from './screenshots'

test('the overview shows the organization, the MCP endpoint and a healthy status', async ({ page, baseURL }, testInfo) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeVisible()
  const status = page.getByRole('region', { name: 'Status' })
  await expect(status.getByText('Acme Robotics')).toBeVisible()
  // The public origin is EXECUTOR_WEB_BASE_URL, set to the address the browser uses.
  await expect(page.getByText(`${baseURL}/mcp`)).toBeVisible()
  await expect(status.getByText('Healthy')).toBeVisible()
  await expect(status.locator('div', { hasText: 'Source documents' })).toContainText('Database')
  await keepScreenshot(page, testInfo, 'overview-desktop')
})

test('copying the MCP endpoint puts the URL on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/')
  await page.getByRole('button', { name: 'Copy' }).click()
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/mcp`)
})

test('on a 390 px phone the navigation folds into a menu button', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeHidden()
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(nav).toBeVisible()
  await expect(accountArea(page).getByRole('button', { name: 'Sign out' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'overview-390-menu')
  await nav.getByRole('link', { name: 'Overview' }).click()
  await expect(nav).toBeHidden()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'overview-390')
})

test('an unknown page shows a not-found page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to overview' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
})
