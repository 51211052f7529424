// The setup project: a fresh Executor sends its first visitor to /setup, where they claim the
// owner account. The session is saved for every other spec.
import { keepScreenshot } from './screenshots'
import { OWNER_STATE, accountArea, expect, owner, test } from './fixtures'

test('the first visitor is sent to /setup, told the password rule, and becomes the owner', async ({ page }, testInfo) => {
  await page.goto('/')
  await expect(page).toHaveURL('/setup')
  await expect(page.getByRole('heading', { name: 'Set up Executor' })).toBeVisible()
  await expect(page.getByText('Acme Robotics').first()).toBeVisible()
  await keepScreenshot(page, testInfo, 'setup-desktop')

  await page.getByRole('button', { name: 'Create owner account' }).click()
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused()
  await expect(page.getByText('Enter your name')).toBeVisible()

  await page.getByLabel('Name', { exact: true }).fill(owner.name)
  await page.getByLabel('Email').fill(owner.email)
  const password = page.getByLabel('Password')
  await password.fill('lowercase1')
  await expect(password).toHaveAccessibleDescription(/16 or more characters, or at least 10/)
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await expect(page.getByText('Password needs 16+ characters, or three of: lowercase, uppercase, digits, symbols')).toBeVisible()
  await expect(password).toHaveAttribute('aria-invalid', 'true')
  await expect(password).toBeFocused()

  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'setup-390-weak-password')
  await page.setViewportSize({ width: 1280, height: 720 })

  await password.fill(owner.password)
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await expect(accountArea(page).getByText(owner.name)).toBeVisible()
  await page.context().storageState({ path: OWNER_STATE })
})
