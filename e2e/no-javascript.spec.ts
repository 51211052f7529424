// The sign-in form before it is interactive: with JavaScript off (which is also what a page
// looks like before hydration) it cannot be submitted, and nothing typed into it ever reaches
// a URL. A native POST to the page, should one ever happen, only sends the browser back.
import { expect, owner, test } from './fixtures'

test('with JavaScript off, /login cannot send the password anywhere, least of all in a URL', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: { cookies: [], origins: [] } })
  try {
    const page = await context.newPage()
    const urls: string[] = []
    page.on('request', (request) => urls.push(request.url()))
    await page.goto('/login')
    const button = page.getByRole('button', { name: 'Sign in' })
    await expect(button).toBeDisabled()
    await expect(page.locator('form')).toHaveAttribute('method', 'post')
    expect(await page.content()).toContain('Signing in needs JavaScript')

    await page.getByLabel('Email').fill(owner.email)
    await page.getByLabel('Password').fill(owner.password)
    await page.getByLabel('Password').press('Enter')
    await button.click({ force: true })
    await page.waitForTimeout(500)
    expect(urls.filter((url) => url.includes('password='))).toEqual([])
    expect(urls.filter((url) => url.includes(encodeURIComponent(owner.email)))).toEqual([])
    await expect(page).toHaveURL('/login')
  } finally {
    await context.close()
  }
})

test('a native form POST to a sign-in page is sent back to the page without echoing anything', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  try {
    for (const path of ['/login', '/login?redirect=%2Fapi-keys', '/setup', '/join/some-code']) {
      const response = await request.post(path, { form: { email: owner.email, password: owner.password }, maxRedirects: 0 })
      expect(response.status(), path).toBe(303)
      expect(response.headers().location).toBe(path)
      expect(await response.text()).not.toContain(owner.password)
    }
  } finally {
    await request.dispose()
  }
})

test('with JavaScript on, the sign-in button turns on once the page is interactive', async ({ visitor }) => {
  const page = await visitor()
  await page.goto('/login')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled()
})
