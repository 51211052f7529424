// The executions console (issue 4, part 5): run code, see the outcome inline, open the run from
// history and read its code, logs, tool calls and result; failures show their error everywhere.
import type { Page } from '@playwright/test'
import { expect, owner, runCode, signIn, test } from './fixtures'
import { keepScreenshot } from './screenshots'

const program = `console.log('hello from the console')
const found = await tools.executor.search({ query: 'echo' })
console.warn('found', found.length, 'tools')
return await tools.executor.echo({ hello: 'world', n: 42 })`

async function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

test('code run from the console shows its outcome inline and opens from history with code, logs, tool calls and result', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()

  const editor = page.getByRole('textbox', { name: 'Code' })
  await expect(editor).toHaveValue(/tools\.executor\.echo/)
  await editor.fill(program)
  await page.getByRole('button', { name: 'Run' }).click()

  const lastRun = page.getByRole('region', { name: 'Last run' })
  await expect(lastRun.getByText('Completed')).toBeVisible()
  await expect(lastRun.getByRole('group', { name: 'Result' })).toContainText('"hello": "world"')
  await expect(lastRun.getByRole('list', { name: 'Log lines' })).toContainText('hello from the console')
  await expect(page.getByRole('status').filter({ hasText: /^Finished in/ })).toBeAttached()

  const history = page.getByRole('table', { name: 'Execution history' })
  const newest = history.getByRole('row').nth(1)
  await expect(newest).toContainText('Completed')
  await expect(newest).toContainText('Ada Owner')
  // Runs can be seconds apart: their times show seconds.
  await expect(newest.getByRole('cell').nth(1)).toHaveText(/\b\d{1,2}:\d{2}:\d{2}\b/)
  await keepScreenshot(page, testInfo, 'executions-desktop')

  // The inline link and the history row lead to the same page.
  const inlineHref = await lastRun.getByRole('link', { name: 'Open in history' }).getAttribute('href')
  await newest.getByRole('link', { name: /^View run from/ }).click()
  await expect(page).toHaveURL(inlineHref ?? '')
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' })).toHaveAttribute('aria-current', 'page')

  const code = page.getByRole('group', { name: 'Code' })
  await expect(code).toContainText("console.log('hello from the console')")
  // Highlighted: keywords and strings get their own colours (indigo-700, emerald-700).
  await expect(code.getByText('return', { exact: true })).toHaveCSS('color', 'rgb(67, 56, 202)')
  await expect(code.getByText("'hello from the console'", { exact: true })).toHaveCSS('color', 'rgb(4, 120, 87)')

  const logs = page.getByRole('list', { name: 'Log lines' })
  await expect(logs.getByRole('listitem')).toHaveCount(2)
  await expect(logs.getByRole('listitem').first()).toContainText('hello from the console')
  await expect(logs.getByRole('listitem').nth(1)).toContainText('warn')

  const calls = page.getByRole('list', { name: 'Tool calls' }).getByRole('listitem')
  await expect(calls).toHaveCount(2)
  await expect(calls.nth(0)).toContainText('executor.search')
  const echo = calls.nth(1)
  await expect(echo).toContainText('executor.echo')
  await expect(echo).toContainText('OK')
  const echoArgs = echo.getByRole('group', { name: 'Arguments of executor.echo' })
  await expect(echoArgs).toBeHidden()
  await echo.getByText('Arguments').click()
  await expect(echoArgs).toContainText('"n": 42')

  const result = page.getByRole('group', { name: 'Result' })
  await expect(result).toContainText('"hello": "world"')
  await keepScreenshot(page, testInfo, 'execution-detail-desktop')

  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'execution-detail-390')

  await page.getByRole('link', { name: 'Back to executions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
  const cards = page.getByRole('list', { name: 'Execution history' })
  await expect(cards.getByRole('listitem').first()).toContainText('Completed')
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'executions-390')
})

test('code that throws shows the error inline, in history and on its page', async ({ page }, testInfo) => {
  await page.goto('/executions')
  const editor = page.getByRole('textbox', { name: 'Code' })
  await editor.fill("console.error('about to fail')\nthrow new Error('boom')")
  // Ctrl+Enter runs from the keyboard without leaving the field.
  await editor.press('Control+Enter')

  const lastRun = page.getByRole('region', { name: 'Last run' })
  await expect(lastRun.getByText('Failed', { exact: true })).toBeVisible()
  await expect(lastRun).toContainText('boom')
  // Where in the code, as the MCP answer says it.
  await expect(lastRun).toContainText('at line 2, column 16')
  await expect(editor).toBeFocused()
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'executions-390-failed')
  await page.setViewportSize({ width: 1280, height: 720 })

  const newest = page.getByRole('table', { name: 'Execution history' }).getByRole('row').nth(1)
  await expect(newest).toContainText('Failed')
  await expect(newest).toContainText('boom')
  await newest.getByRole('link', { name: /^View run from/ }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  const error = page.getByRole('region', { name: 'Error' })
  await expect(error).toContainText('Error')
  await expect(error).toContainText('boom')
  await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Log lines' })).toContainText('about to fail')
  await expect(page.getByText('The code called no tools.')).toBeVisible()
  await keepScreenshot(page, testInfo, 'execution-failed')
})

test('empty code is refused in place, and Tab indents until Escape hands it back', async ({ page }) => {
  await page.goto('/executions')
  const editor = page.getByRole('textbox', { name: 'Code' })
  await editor.fill('')
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(editor).toHaveAccessibleDescription(/Write some code to run first/)
  await expect(editor).toHaveAttribute('aria-invalid', 'true')

  await editor.fill('if (true) {\n}')
  await editor.press('ArrowUp')
  await editor.press('End')
  await editor.press('Enter')
  await editor.press('Tab')
  await editor.pressSequentially('return 1')
  await expect(editor).toHaveValue('if (true) {\n  return 1\n}')
  await expect(editor).toBeFocused()

  await editor.press('Escape')
  await editor.press('Tab')
  await expect(page.getByRole('button', { name: 'Run' })).toBeFocused()
})

test('history loads older runs a page at a time', async ({ page }) => {
  // More than one page (50) of runs, made through the HTTP API the console also uses.
  for (let index = 0; index < 52; index++) await runCode(page, `return ${index}`)
  const total = await page.request.get('/api/executions?limit=200').then(async (response) => (await response.json()).executions.length)
  expect(total).toBeGreaterThan(50)
  expect(total).toBeLessThan(100)

  await page.goto('/executions')
  const rows = page.getByRole('table', { name: 'Execution history' }).getByRole('row')
  await expect(rows).toHaveCount(51)
  await page.getByRole('button', { name: 'Load older' }).click()
  await expect(rows).toHaveCount(total + 1)
  await expect(page.getByRole('button', { name: 'Load older' })).toHaveCount(0)

  // Opening a run and coming back keeps the older runs that were loaded.
  await rows.last().getByRole('link', { name: /^View run from/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to executions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
  await expect(rows).toHaveCount(total + 1)
  await expect(page.getByRole('button', { name: 'Load older' })).toHaveCount(0)
  // So does the browser's own Back.
  await rows.nth(total - 1).getByRole('link', { name: /^View run from/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  await page.goBack()
  await expect(rows).toHaveCount(total + 1)
})

test('history shows runs started elsewhere without a reload', async ({ page }) => {
  await page.goto('/executions')
  const newest = page.getByRole('table', { name: 'Execution history' }).getByRole('row').nth(1)
  await expect(newest).toBeVisible()
  await runCode(page, "throw new Error('started by a script')")
  // The open list asks for new runs every few seconds while it is visible.
  await expect(newest).toContainText('started by a script', { timeout: 10_000 })
})

test('after the session ends, running code leads to sign-in and back to the page', async ({ page, context }) => {
  await page.goto('/executions')
  const editor = page.getByRole('textbox', { name: 'Code' })
  await editor.fill('return 1')
  // As if the session expired, or the person signed out in another tab.
  await context.clearCookies()
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(page).toHaveURL('/login?redirect=%2Fexecutions')
  await expect(page.getByRole('heading', { name: 'Sign in to Executor' })).toBeVisible()
  await signIn(page, owner)
  await expect(page).toHaveURL('/executions')
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
})

test('an open history whose session ended goes to sign-in on its next refresh', async ({ page, context }) => {
  await page.goto('/executions?from=history')
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
  await context.clearCookies()
  await expect(page).toHaveURL('/login?redirect=%2Fexecutions%3Ffrom%3Dhistory', { timeout: 10_000 })
})

test('the editor takes typing only once the page can keep it, so the sample never replaces what was typed', async ({ page }) => {
  // Hold the page's scripts back. Until React takes the editor over it would reset the field to
  // the sample, dropping (or, mid-keystroke, joining onto the sample) whatever was typed.
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(/\.m?js(\?.*)?$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/executions', { waitUntil: 'commit' })
  const editor = page.getByRole('textbox', { name: 'Code' })
  await expect(editor).toHaveValue(/tools\.executor\.echo/)
  await expect(editor).not.toBeEditable()
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled()

  release()
  // fill waits for the field to be editable: the page's own readiness, no fixed delay.
  await editor.fill('return 6 * 7')
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(page.getByRole('region', { name: 'Last run' }).getByRole('group', { name: 'Result' })).toContainText('42')
  await expect(editor).toHaveValue('return 6 * 7')
})

test('an unknown execution shows a not-found page with a way back', async ({ page }) => {
  const response = await page.goto('/executions/exe_does_not_exist')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Execution not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to executions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
})

// Computes between tool calls, so it runs for seconds while the server keeps answering (each
// call gives its event loop a turn). Cancelling a program that never yields (`while (true) {}`)
// needs programs off the request thread; that is the worker-thread runner's test.
const slowProgram = (iterations: number | null) =>
  `for (let i = 0; ${iterations === null ? '' : `i < ${iterations}`}; i++) { let x = 0; for (let j = 0; j < 20000; j++) x += j; await tools.executor.echo(i) }\nreturn 'finished on its own'`

/** Starts `code` through the API without waiting for it; the id once its row says running, and the pending response. */
async function startRunning(page: Page, code: string) {
  const response = page.request.post('/api/executions', { data: { code, limits: { maxToolCalls: 10_000, timeoutMs: 60_000 } } })
  let id: string | undefined
  await expect(async () => {
    const list = await page.request.get('/api/executions?limit=1').then((r) => r.json())
    const newest = list.executions[0] as { id: string; status: string } | undefined
    expect(newest?.status).toBe('running')
    id = newest?.id
  }).toPass({ intervals: [50], timeout: 10_000 })
  return { id: id ?? '', response }
}

test('a running execution shows how long it has run and can be cancelled from its page', async ({ page }, testInfo) => {
  const { id, response } = await startRunning(page, slowProgram(null))
  await page.goto(`/executions/${id}`)
  await expect(page.getByText('Running', { exact: true })).toBeVisible()
  const outcome = page.getByRole('region', { name: 'Result' })
  await expect(outcome).toContainText(/Still running \(\d+ s so far\)/)
  await expect(page.getByText(/^\d+ s so far$/)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Tool calls' })).toContainText('Shown once the run ends.')
  await keepScreenshot(page, testInfo, 'execution-running')

  await outcome.getByRole('button', { name: 'Cancel run' }).click()
  const cancelled = page.getByRole('region', { name: 'Cancelled' })
  await expect(cancelled).toContainText('Cancelled by Ada Owner (ada@example.com)')
  await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Tool calls' }).getByRole('listitem').first()).toContainText('executor.echo')
  expect(await (await response).json()).toMatchObject({ id, status: 'cancelled' })
  await keepScreenshot(page, testInfo, 'execution-cancelled')
})

// Runs for about four seconds whatever the machine's speed, then ends on its own: long enough
// for its running row (written at 200 ms) to be seen, however fast a thread computes.
const timedProgram = (ms: number) =>
  `const end = Date.now() + ${ms}\nfor (let i = 0; Date.now() < end; i++) { let x = 0; for (let j = 0; j < 100000; j++) x += j; await tools.executor.echo(i) }\nreturn 'finished on its own'`

test('a running execution’s page refreshes until the run ends, then shows its result', async ({ page }) => {
  const { id, response } = await startRunning(page, timedProgram(4000))
  await page.goto(`/executions/${id}`)
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Result' }).getByRole('group', { name: 'Result' })).toContainText('finished on its own', { timeout: 30_000 })
  await expect(page.getByText('Completed', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)
  expect((await response).status()).toBe(201)
})
