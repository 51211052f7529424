// The Toolkits page: an admin adds a toolkit (a refused slug says why, the patterns' preview
// counts live), copies its MCP URL, edits and deletes it; a member sees it read-only.
import { keepScreenshot } from './screenshots'
import { expect, test } from './fixtures'

test.afterEach(async ({ page }) => {
  const { toolkits } = (await (await page.request.get('/api/toolkits')).json()) as { toolkits: { id: string }[] }
  for (const toolkit of toolkits) await page.request.delete(`/api/toolkits/${toolkit.id}`)
})

test('an admin adds, copies the URL of, edits and deletes a toolkit', async ({ page, baseURL }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Toolkits' }).click()
  await expect(page).toHaveURL('/toolkits')
  await expect(page.getByText('No toolkits yet')).toBeVisible()

  const form = page.getByRole('region', { name: 'Add a toolkit' })
  await form.getByLabel('Name').fill('Echo desk')
  await form.getByLabel('Slug').fill('Echo Desk')
  await form.getByLabel('Patterns').fill('executor.echo')
  await expect(form.getByTestId('toolkit-preview')).toHaveText('Matches 1 tool: executor.echo.')
  await form.getByRole('button', { name: 'Add toolkit' }).click()
  await expect(form.getByText('A slug is lowercase letters, digits and dashes')).toBeVisible()
  await form.getByLabel('Slug').fill('echo-desk')
  await form.getByLabel('Description').fill('Round trips for checking a client')
  await form.getByLabel('Mode').selectOption('direct')
  await form.getByRole('button', { name: 'Add toolkit' }).click()

  const card = page.getByRole('region', { name: 'Echo desk' })
  await expect(card.getByTestId('toolkit-url')).toHaveText(`${baseURL}/mcp/echo-desk`)
  await expect(card).toContainText('Direct tools')
  await expect(card).toContainText('Round trips for checking a client')
  await card.getByRole('button', { name: 'Copy URL' }).click()
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible()

  await keepScreenshot(page, testInfo, 'toolkits-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(card.getByRole('button', { name: 'Edit Echo desk' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'toolkits-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  await card.getByRole('button', { name: 'Edit Echo desk' }).click()
  const edit = page.getByRole('region', { name: 'Edit Echo desk' })
  await edit.getByLabel('Patterns').fill('executor.echo\nnothing.here.*')
  await expect(edit.getByTestId('toolkit-preview')).toHaveText('Matches 1 tool: executor.echo.')
  await edit.getByLabel('Mode').selectOption('code')
  await edit.getByRole('button', { name: 'Save toolkit' }).click()
  await expect(card).toContainText('Code mode')
  await expect(card).toContainText('nothing.here.*')

  await card.getByRole('button', { name: 'Delete Echo desk' }).click()
  await card.getByRole('group', { name: 'Delete Echo desk' }).getByRole('button', { name: 'Delete toolkit' }).click()
  await expect(page.getByText('No toolkits yet')).toBeVisible()
})

test('a member sees the toolkits and their URLs read-only', async ({ page, visitor }, testInfo) => {
  const added = await page.request.post('/api/toolkits', { data: { slug: 'readers', name: 'Readers', patterns: ['executor.echo'] } })
  expect(added.status()).toBe(201)
  const invite = await page.request.post('/api/invites', { data: { role: 'member', label: 'Toolkits e2e' } })
  const { code } = (await invite.json()) as { code: string }
  const memberPage = await visitor()
  const joined = await memberPage.request.post('/api/auth/sign-up/email', {
    data: { name: 'Terry Toolkitreader', email: `toolkits-${Date.now()}@example.com`, password: 'terry-reads-toolkits-42' },
    headers: { 'x-executor-invite': code },
  })
  expect(joined.status(), await joined.text()).toBe(200)
  const userId = ((await joined.json()) as { user: { id: string } }).user.id

  await memberPage.goto('/toolkits')
  const card = memberPage.getByRole('region', { name: 'Readers' })
  await expect(card.getByTestId('toolkit-url')).toContainText('/mcp/readers')
  await expect(card.getByRole('button', { name: 'Copy URL' })).toBeVisible()
  await expect(card.getByRole('button', { name: /Edit|Delete/ })).toHaveCount(0)
  await expect(memberPage.getByRole('region', { name: 'Add a toolkit' })).toHaveCount(0)
  await memberPage.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(memberPage, testInfo, 'toolkits-member-390')

  expect((await page.request.delete(`/api/members/${userId}`)).status()).toBe(204)
})
