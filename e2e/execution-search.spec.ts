// Searching execution history in the console: the filter bar narrows the list, the URL carries
// the filters, and a reload keeps them. Usable at phone width.
import type { Page } from '@playwright/test'
import { expect, runCode, test } from './fixtures'
import { keepScreenshot } from './screenshots'

async function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

test('history filters by status and by text, keeps the filters in the URL and across a reload', async ({ page }, testInfo) => {
  const marker = `zebra${Date.now()}`
  const failed = await runCode(page, `throw new Error('${marker} went wrong')`)
  const completed = await runCode(page, `return '${marker} is fine'`)
  const other = await runCode(page, `return 'unrelated_100%'`)
  expect([failed.status, completed.status, other.status]).toEqual(['failed', 'completed', 'completed'])

  await page.goto('/executions')
  const filters = page.getByRole('search', { name: 'Filter executions' })
  const history = page.getByRole('table', { name: 'Execution history' })
  const row = (id: string) => history.getByRole('row').filter({ has: page.locator(`a[href="/executions/${id}"]`) })
  await expect(row(other.id)).toBeVisible()

  await filters.getByRole('combobox', { name: 'Status' }).selectOption('failed')
  await expect(page).toHaveURL(/[?&]status=failed\b/)
  await expect(row(failed.id)).toBeVisible()
  await expect(row(completed.id)).toHaveCount(0)
  await expect(row(other.id)).toHaveCount(0)

  await filters.getByRole('searchbox', { name: 'Search' }).fill(marker)
  await filters.getByRole('searchbox', { name: 'Search' }).press('Enter')
  await expect(page).toHaveURL(new RegExp(`[?&]q=${marker}\\b`))
  await expect(page).toHaveURL(/[?&]status=failed\b/)
  await expect(history.getByRole('row')).toHaveCount(2)
  await expect(row(failed.id)).toBeVisible()

  await page.reload()
  await expect(filters.getByRole('combobox', { name: 'Status' })).toHaveValue('failed')
  await expect(filters.getByRole('searchbox', { name: 'Search' })).toHaveValue(marker)
  await expect(history.getByRole('row')).toHaveCount(2)
  await expect(row(failed.id)).toBeVisible()
  await keepScreenshot(page, testInfo, 'execution-search-desktop')

  // Text search takes a LIKE wildcard literally.
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('')
  // A select applies at once: let that navigation land before typing, or it resets the box.
  await expect(page).not.toHaveURL(/status=/)
  await filters.getByRole('searchbox', { name: 'Search' }).fill('_100%')
  await filters.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/[?&]q=_100%25/)
  await expect(page).not.toHaveURL(/status=/)
  await expect(history.getByRole('row')).toHaveCount(2)
  await expect(row(other.id)).toBeVisible()

  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/executions?status=completed&q=${marker}`)
  const cards = page.getByRole('list', { name: 'Execution history' })
  await expect(cards.getByRole('listitem')).toHaveCount(1)
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'execution-search-mobile')

  await filters.getByRole('link', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/executions$/)
  await expect(filters.getByRole('searchbox', { name: 'Search' })).toHaveValue('')
  await expect(cards.getByRole('listitem').filter({ hasText: 'Completed' }).first()).toBeVisible()
})

test('a bad filter in the URL is ignored rather than breaking the page', async ({ page }) => {
  await page.goto('/executions?status=bogus&from=yesterday')
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
  await expect(page.getByRole('search', { name: 'Filter executions' }).getByRole('combobox', { name: 'Status' })).toHaveValue('')
})

test('a status chosen before the page is interactive still applies once it is', async ({ page }) => {
  const failed = await runCode(page, `throw new Error('early bird ${Date.now()}')`)
  // Hold the page's scripts back, so the server-rendered form is there but not yet hydrated.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\.js(\?.*)?$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/executions', { waitUntil: 'commit' })
  const status = page.getByRole('search', { name: 'Filter executions' }).getByRole('combobox', { name: 'Status' })
  await status.selectOption('failed')
  await expect(page).toHaveURL(/\/executions$/)
  release()
  await expect(page).toHaveURL(/[?&]status=failed\b/)
  const history = page.getByRole('table', { name: 'Execution history' })
  await expect(history.locator(`a[href="/executions/${failed.id}"]`)).toBeVisible()
  await expect(history.getByRole('row').filter({ hasText: 'Completed' })).toHaveCount(0)
})
