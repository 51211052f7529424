import type { Page, TestInfo } from '@playwright/test'

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}.png`
  // From the top: the sidebar is sticky, and a full-page capture taken while scrolled shows
  // it shifted by the scroll offset, which no visitor ever sees.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
