// The Policies page: an admin adds, edits, reorders (drag and keyboard) and deletes rules,
// tests a tool path, and changes the approval settings; a member sees it all read-only.
import type { Page } from '@playwright/test'
import { keepScreenshot } from './screenshots'
import { expect, test } from './fixtures'

const list = (page: Page) => page.getByRole('list', { name: 'Policies in order' })
const patterns = (page: Page) => list(page).locator('li code')

async function addPolicy(page: Page, pattern: string, action: string, options: { note?: string; place?: string } = {}) {
  const form = page.getByRole('region', { name: 'Add a policy' })
  await form.getByLabel('Pattern').fill(pattern)
  await form.getByLabel('Action').selectOption({ label: action })
  await form.getByLabel('Note').fill(options.note ?? '')
  await form.getByLabel('Place').fill(options.place ?? '')
  await form.getByRole('button', { name: 'Add policy' }).click()
  await expect(form.getByRole('status')).toContainText(`: ${pattern}`)
}

test.afterEach(async ({ page }) => {
  const { policies } = (await (await page.request.get('/api/policies')).json()) as { policies: { id: string }[] }
  for (const policy of policies) await page.request.delete(`/api/policies/${policy.id}`)
  await page.request.put('/api/policies/settings', { data: { expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: false } })
})

test('an admin adds, edits, reorders by drag and keyboard, tests a path and deletes policies', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click()
  await expect(page).toHaveURL('/policies')
  await expect(page.getByText("No policies: every call follows its tool's default — reads allowed, writes need approval")).toBeVisible()

  // A refused pattern says why, under the field.
  const form = page.getByRole('region', { name: 'Add a policy' })
  await form.getByLabel('Pattern').fill('github.**')
  await form.getByRole('button', { name: 'Add policy' }).click()
  await expect(form.getByText('Use a single * : one * already matches across dots')).toBeVisible()

  await addPolicy(page, 'github.*', 'Allow', { note: 'GitHub is trusted' })
  await addPolicy(page, '*.delete*', 'Block')
  await addPolicy(page, 'stripe.org.prod.*', 'Require approval', { place: '1' })
  await expect(patterns(page)).toHaveText(['stripe.org.prod.*', 'github.*', '*.delete*'])
  await expect(list(page).getByRole('listitem').nth(1)).toContainText('GitHub is trusted')
  await expect(list(page).getByRole('listitem').nth(2)).toContainText('Block')

  // Inline edit.
  await list(page).getByRole('button', { name: 'Edit github.*' }).click()
  const edit = list(page).getByRole('form', { name: 'Edit github.*' })
  await edit.getByLabel('Pattern').fill('github.*.create*')
  await edit.getByLabel('Action').selectOption({ label: 'Require approval' })
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(patterns(page)).toHaveText(['stripe.org.prod.*', 'github.*.create*', '*.delete*'])
  await expect(list(page).getByRole('listitem').nth(1)).toContainText('Require approval')

  // Drag the last rule by its handle onto the first.
  await list(page).getByTitle('Drag *.delete* to another place').dragTo(list(page).getByRole('listitem').first())
  await expect(patterns(page)).toHaveText(['*.delete*', 'stripe.org.prod.*', 'github.*.create*'])
  await page.reload()
  await expect(patterns(page)).toHaveText(['*.delete*', 'stripe.org.prod.*', 'github.*.create*'])

  // Keyboard: the buttons, then Alt+arrows on the focused row (focus stays on the moved row).
  await list(page).getByRole('button', { name: 'Move github.*.create* up' }).click()
  await expect(patterns(page)).toHaveText(['*.delete*', 'github.*.create*', 'stripe.org.prod.*'])
  const row = list(page).getByRole('listitem', { name: /^Rule 1: \*\.delete\*/ })
  await row.focus()
  await page.keyboard.press('Alt+ArrowDown')
  await expect(patterns(page)).toHaveText(['github.*.create*', '*.delete*', 'stripe.org.prod.*'])
  await expect(list(page).getByRole('listitem', { name: /^Rule 2: \*\.delete\*/ })).toBeFocused()
  await page.keyboard.press('Alt+ArrowDown')
  await expect(patterns(page)).toHaveText(['github.*.create*', 'stripe.org.prod.*', '*.delete*'])
  await page.reload()
  await expect(patterns(page)).toHaveText(['github.*.create*', 'stripe.org.prod.*', '*.delete*'])

  // Test a tool path: a rule decides, then the default does.
  const tester = page.getByRole('region', { name: 'Test a tool path' })
  await tester.getByLabel('Tool path').fill('github.repos.deleteRepo')
  await tester.getByRole('button', { name: 'Test' }).click()
  const result = tester.getByRole('region', { name: 'Test result' })
  await expect(result).toContainText('Rule 3 "*.delete*" blocks it')
  await expect(result).toContainText('Block')
  await tester.getByLabel('Tool path').fill('executor.search')
  await tester.getByRole('button', { name: 'Test' }).click()
  await expect(result).toContainText('Built-in tools are allowed by default')

  await keepScreenshot(page, testInfo, 'policies-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(list(page).getByRole('button', { name: 'Edit *.delete*' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'policies-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  // Delete asks once more.
  await list(page).getByRole('button', { name: 'Delete stripe.org.prod.*' }).click()
  await list(page).getByRole('group', { name: 'Delete stripe.org.prod.*' }).getByRole('button', { name: 'Delete' }).click()
  await expect(patterns(page)).toHaveText(['github.*.create*', '*.delete*'])
})

test('an admin changes the approval settings; out-of-range values are refused in place', async ({ page }) => {
  await page.goto('/policies')
  const card = page.getByRole('region', { name: 'Approvals' })
  await expect(card.getByLabel('Expiry')).toHaveValue('10')
  await card.getByLabel('Expiry').fill('0')
  await card.getByRole('button', { name: 'Save settings' }).click()
  await expect(card.getByText('expiryMinutes is at least 1')).toBeVisible()
  await card.getByLabel('Expiry').fill('45')
  await card.getByLabel('Inline wait').fill('15')
  await card.getByLabel('Require a different approver').check()
  await card.getByRole('button', { name: 'Save settings' }).click()
  await expect(card.getByRole('status')).toHaveText('Saved.')
  await page.reload()
  await expect(card.getByLabel('Expiry')).toHaveValue('45')
  await expect(card.getByLabel('Inline wait')).toHaveValue('15')
  await expect(card.getByLabel('Require a different approver')).toBeChecked()
})

test('a member sees the policies and settings read-only, with no controls', async ({ page, visitor }, testInfo) => {
  expect((await page.request.post('/api/policies', { data: { pattern: 'github.*', action: 'block', note: 'frozen' } })).status()).toBe(201)
  const invite = await page.request.post('/api/invites', { data: { role: 'member', label: 'Policies e2e' } })
  const { code } = (await invite.json()) as { code: string }
  const memberPage = await visitor()
  const email = `policies-${Date.now()}@example.com`
  const joined = await memberPage.request.post('/api/auth/sign-up/email', {
    data: { name: 'Pat Policyreader', email, password: 'pat-reads-policies-42' },
    headers: { 'x-executor-invite': code },
  })
  expect(joined.status(), await joined.text()).toBe(200)
  const userId = ((await joined.json()) as { user: { id: string } }).user.id

  await memberPage.goto('/policies')
  await expect(patterns(memberPage)).toHaveText(['github.*'])
  await expect(list(memberPage)).toContainText('frozen')
  await expect(memberPage.getByRole('region', { name: 'Add a policy' })).toHaveCount(0)
  await expect(list(memberPage).getByRole('button')).toHaveCount(0)
  await expect(list(memberPage).getByTitle(/Drag/)).toHaveCount(0)
  const card = memberPage.getByRole('region', { name: 'Approvals' })
  await expect(card.getByLabel('Expiry')).toBeDisabled()
  await expect(card.getByRole('button')).toHaveCount(0)
  // Testing a path is for everyone.
  await memberPage.getByRole('textbox', { name: 'Tool path' }).fill('github.issues.list')
  await memberPage.getByRole('button', { name: 'Test' }).click()
  await expect(memberPage.getByRole('region', { name: 'Test result' })).toContainText('Rule 1 "github.*" blocks it')
  await memberPage.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(memberPage, testInfo, 'policies-member-390')

  expect((await page.request.delete(`/api/members/${userId}`)).status()).toBe(204)
})
