// Screenshots of a Worker page at 1280 and 390 px (test-results/screenshots/worker-<name>-*.png),
// checking on the way that the phone layout does not scroll sideways.
import type { Page, TestInfo } from '@playwright/test'
import { expect } from '../fixtures'
import { keepScreenshot } from '../screenshots'

export async function bothWidths(page: Page, testInfo: TestInfo, name: string) {
  await keepScreenshot(page, testInfo, `worker-${name}-desktop`)
  await page.setViewportSize({ width: 390, height: 844 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, `worker-${name}-390`)
  await page.setViewportSize({ width: 1280, height: 720 })
}
