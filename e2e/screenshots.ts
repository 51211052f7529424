import type { Page, TestInfo } from '@playwright/test'

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}.png`
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
