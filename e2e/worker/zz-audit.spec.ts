// The audit log on the Worker (last: it reads what the other specs changed). Behind Access the
// Admin page has no members or invites, only who changed what; the filter lives in the URL.
import { expect, test } from '../fixtures'
import { bothWidths } from './shots'

test('the Admin page shows the audit log of the changes made as the dev admin, filtered through the URL', async ({ page }, testInfo) => {
  const added = await page.request.post('/api/policies', { data: { pattern: 'audit.*', action: 'block' } })
  expect(added.status(), await added.text()).toBe(201)
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
  await expect(page).toHaveURL('/admin')
  await expect(page.getByText('there are no members or invites to manage here')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Members' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /invite/i })).toHaveCount(0)

  const log = page.getByRole('region', { name: 'Audit log' })
  await expect(log).toContainText('Who changed integrations, connections and policies')
  // No in-app accounts here, so nothing about them to filter by.
  await expect(log.getByLabel('Action').getByRole('option', { name: 'Invite created' })).toHaveCount(0)
  await expect(log.getByLabel('Action').getByRole('option', { name: 'API key created' })).toHaveCount(0)
  const table = log.getByRole('table', { name: 'Audit log' })
  await expect(table.getByRole('row').nth(1)).toContainText('Policy added')
  await expect(table.getByRole('row').nth(1)).toContainText('audit.*')
  await expect(table.getByRole('row').nth(1)).toContainText('Dev Admin')
  await log.getByLabel('Action').selectOption('integration.added')
  await expect(page).toHaveURL(/[?&]audit=integration\.added/)
  await expect(table.getByRole('row').nth(1)).toContainText('Integration added')
  await expect(table.getByText('Policy added')).toHaveCount(0)
  await page.reload()
  await expect(log.getByLabel('Action')).toHaveValue('integration.added')
  await bothWidths(page, testInfo, 'admin-audit')
  expect((await page.request.delete(`/api/policies/${((await added.json()) as { id: string }).id}`)).status()).toBe(204)
})
