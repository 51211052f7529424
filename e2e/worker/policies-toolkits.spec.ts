// Policies and toolkits on the Worker: an admin adds and reorders rules, tests a path, and adds a
// toolkit whose MCP URL is the Worker's own.
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { bothWidths } from './shots'

const list = (page: Page) => page.getByRole('list', { name: 'Policies in order' })
const patterns = (page: Page) => list(page).locator('li code')

async function addPolicy(page: Page, pattern: string, action: string) {
  const form = page.getByRole('region', { name: 'Add a policy' })
  await form.getByLabel('Pattern').fill(pattern)
  await form.getByLabel('Action').selectOption({ label: action })
  await form.getByRole('button', { name: 'Add policy' }).click()
  await expect(form.getByRole('status')).toContainText(`: ${pattern}`)
}

test.afterEach(async ({ page }) => {
  const { policies } = (await (await page.request.get('/api/policies')).json()) as { policies: { id: string }[] }
  for (const policy of policies) await page.request.delete(`/api/policies/${policy.id}`)
  const { toolkits } = (await (await page.request.get('/api/toolkits')).json()) as { toolkits: { id: string }[] }
  for (const toolkit of toolkits) await page.request.delete(`/api/toolkits/${toolkit.id}`)
})

test('an admin adds policies, reorders them (kept after a reload) and tests a path', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click()
  await expect(page).toHaveURL('/policies')
  await addPolicy(page, 'github.*', 'Allow')
  await addPolicy(page, '*.delete*', 'Block')
  await expect(patterns(page)).toHaveText(['github.*', '*.delete*'])
  await list(page).getByRole('button', { name: 'Move *.delete* up' }).click()
  await expect(patterns(page)).toHaveText(['*.delete*', 'github.*'])
  await page.reload()
  await expect(patterns(page)).toHaveText(['*.delete*', 'github.*'])

  const tester = page.getByRole('region', { name: 'Test a tool path' })
  await tester.getByLabel('Tool path').fill('github.repos.deleteRepo')
  await tester.getByRole('button', { name: 'Test' }).click()
  await expect(tester.getByRole('region', { name: 'Test result' })).toContainText('Rule 1 "*.delete*" blocks it')
  await bothWidths(page, testInfo, 'policies')
})

test('an admin adds a toolkit; its MCP URL is on the Worker', async ({ page, baseURL }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Toolkits' }).click()
  await expect(page).toHaveURL('/toolkits')
  await expect(page.getByText('No toolkits yet')).toBeVisible()
  const form = page.getByRole('region', { name: 'Add a toolkit' })
  await form.getByLabel('Name').fill('Echo desk')
  await form.getByLabel('Slug').fill('echo-desk')
  await form.getByLabel('Patterns').fill('executor.echo')
  await expect(form.getByTestId('toolkit-preview')).toHaveText('Matches 1 tool: executor.echo.')
  await form.getByRole('button', { name: 'Add toolkit' }).click()
  const card = page.getByRole('region', { name: 'Echo desk' })
  await expect(card.getByTestId('toolkit-url')).toHaveText(`${baseURL}/mcp/echo-desk`)
  await bothWidths(page, testInfo, 'toolkits')
})
