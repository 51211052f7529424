// Shared people and helpers for the browser tests. The owner is claimed once by
// owner.setup.ts; specs start signed in as them (storageState) unless they ask for a visitor.
import { type Page, test as base, expect } from '@playwright/test'

export const OWNER_STATE = 'e2e/.auth/owner.json'

export type Person = { name: string; email: string; password: string }

export const owner: Person = { name: 'Ada Owner', email: 'ada@example.com', password: 'Correct-horse-42' }
export const member: Person = { name: 'Jamie Member', email: 'jamie@example.com', password: 'jamie-likes-long-passphrases' }

type Fixtures = {
  /** a page in a fresh browser context with no cookies: someone who is not signed in */
  visitor: () => Promise<Page>
  /** script errors and console.error calls seen by any page of the test (hydration mismatches land here) */
  browserErrors: string[]
}

// The browser logs every 4xx response it receives; the refusals tests provoke (weak password,
// wrong password, 404 page) are asserted through what the page shows. A 5xx still fails.
const ignoredConsole = /^Failed to load resource: the server responded with a status of 4\d\d/

// After a page load, the tests act only once React has hydrated the page (the app marks
// `<html data-hydrated>`): a click or a choice made before that reaches no handler, which on a
// loaded machine made tests flaky. `waitUntil: 'commit'` opts out, for tests of the page before
// hydration; a load that is not an HTML page (JSON) is not waited for.
function waitForHydration(page: Page) {
  const goto = page.goto.bind(page)
  const reload = page.reload.bind(page)
  const hydrated = async (response: Awaited<ReturnType<Page['goto']>>, waitUntil: string | undefined) => {
    if (waitUntil === 'commit' || !response?.headers()['content-type']?.startsWith('text/html')) return response
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
    return response
  }
  page.goto = async (url, options) => hydrated(await goto(url, options), options?.waitUntil)
  page.reload = async (options) => hydrated(await reload(options), options?.waitUntil)
}

function watch(page: Page, errors: string[]) {
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignoredConsole.test(message.text())) errors.push(message.text())
  })
}

export const test = base.extend<Fixtures>({
  browserErrors: async ({}, use) => {
    const errors: string[] = []
    await use(errors)
    expect(errors, 'errors in the browser console').toEqual([])
  },
  page: async ({ page, browserErrors }, use) => {
    watch(page, browserErrors)
    waitForHydration(page)
    await use(page)
  },
  visitor: async ({ browser, baseURL, browserErrors }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = []
    await use(async () => {
      // An explicit empty state: new contexts would otherwise inherit the owner's session.
      const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
      contexts.push(context)
      const page = await context.newPage()
      watch(page, browserErrors)
      waitForHydration(page)
      return page
    })
    await Promise.all(contexts.map((context) => context.close()))
  },
})

export { expect }

/** Signs `person` in through /login (the page must already be there) and waits to leave it. */
export async function signIn(page: Page, person: Person) {
  await page.getByLabel('Email').fill(person.email)
  await page.getByLabel('Password').fill(person.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** The sidebar (or, on phones, the menu) user area. */
export function accountArea(page: Page) {
  return page.getByRole('region', { name: 'Your account' })
}

/** Runs `code` as the page's signed-in person through POST /api/executions; the run's view. */
export async function runCode(page: Page, code: string): Promise<{ id: string; status: string }> {
  const response = await page.request.post('/api/executions', { data: { code } })
  expect(response.status(), await response.text()).toBe(201)
  return response.json()
}
