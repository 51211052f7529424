// The audit log on the Admin page: changes made through the API show up with who made them,
// the action filter lives in the URL, and older entries load on demand.
import { keepScreenshot } from './screenshots'
import { expect, test } from './fixtures'

test('the owner sees changes in the audit log, filters by action through the URL, and loads older entries', async ({ page }, testInfo) => {
  // Enough API key changes for more than one page (25 entries).
  for (let i = 0; i < 14; i++) {
    const created = await page.request.post('/api/api-keys', { data: { name: `audit-e2e-${i}` } })
    expect(created.status()).toBe(201)
    const { apiKey } = (await created.json()) as { apiKey: { id: string } }
    expect((await page.request.delete(`/api/api-keys/${apiKey.id}`)).status()).toBe(204)
  }
  const invite = await page.request.post('/api/invites', { data: { role: 'member', label: 'Audit e2e' } })
  expect(invite.status()).toBe(201)
  const inviteId = ((await invite.json()) as { invite: { id: string } }).invite.id

  await page.goto('/admin')
  const log = page.getByRole('region', { name: 'Audit log' })
  const table = log.getByRole('table', { name: 'Audit log' })
  await expect(table.getByRole('row').nth(1)).toContainText('Invite created')
  await expect(table.getByRole('row').nth(1)).toContainText('Audit e2e')
  await expect(table.getByRole('row').nth(1)).toContainText('Ada Owner')
  const firstPageRows = await table.getByRole('row').count()
  expect(firstPageRows).toBe(26) // header + one page
  await log.getByRole('button', { name: 'Load older entries' }).click()
  await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(firstPageRows)

  await log.getByLabel('Action').selectOption('api_key.revoked')
  await expect(page).toHaveURL(/[?&]audit=api_key\.revoked/)
  await expect(table.getByRole('row').nth(1)).toContainText('API key revoked')
  await expect(table.getByText('Invite created')).toHaveCount(0)
  await log.scrollIntoViewIfNeeded()
  await keepScreenshot(page, testInfo, 'audit-desktop')

  // The filter survives a reload: it is in the URL.
  await page.reload()
  await expect(log.getByLabel('Action')).toHaveValue('api_key.revoked')

  await page.setViewportSize({ width: 390, height: 844 })
  await expect(log.getByRole('list', { name: 'Audit log' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'audit-390')
  await page.setViewportSize({ width: 1280, height: 720 })
  // Leave no usable invite link behind for the specs that follow.
  expect((await page.request.delete(`/api/invites/${inviteId}`)).status()).toBe(204)
})
