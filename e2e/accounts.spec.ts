// Accounts end to end: sign-in and out, invites, joining, roles and API keys,
// in the order a team would meet them. One Executor serves the whole run, so these run in
// sequence and later tests build on earlier ones (the member joins, then their role changes).
import { keepScreenshot } from './screenshots'
import { accountArea, expect, member, owner, signIn, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

let inviteUrl = ''

test('once the owner exists, /setup is closed', async ({ page }) => {
  await page.goto('/setup')
  await expect(page).toHaveURL('/')
  await expect(accountArea(page).getByText('Owner', { exact: true })).toBeVisible()
})

test('signing out leads to sign-in, and signing in returns to the page you wanted', async ({ visitor }, testInfo) => {
  // Its own session, so signing out leaves the saved owner session usable for later tests.
  const page = await visitor()
  await page.goto('/api-keys')
  await expect(page).toHaveURL('/login?redirect=%2Fapi-keys')
  await expect(page.getByRole('heading', { name: 'Sign in to Executor' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'login-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'login-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  await signIn(page, owner)
  await expect(page).toHaveURL('/api-keys')
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible()

  await accountArea(page).getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/login')
  await page.goto('/')
  await expect(page).toHaveURL('/login')
  await page.goto('/login')
  await signIn(page, owner)
  await expect(page).toHaveURL('/')
})

test('a wrong password gets one generic message', async ({ visitor }, testInfo) => {
  const page = await visitor()
  await page.goto('/login')
  await page.getByLabel('Email').fill(owner.email)
  await page.getByLabel('Password').fill('not-the-password-1')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password')
  await expect(page).toHaveURL('/login')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'login-390-wrong-password')
})

test('sign-in ignores a redirect to another site', async ({ visitor }) => {
  const page = await visitor()
  await page.goto('/login?redirect=//evil.example/phish')
  await signIn(page, owner)
  await expect(page).toHaveURL('/')
})

test('an owner creates a member invite and copies the link, shown once', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible()
  const invites = page.getByRole('region', { name: 'Invite links' })
  await expect(invites.getByText('No invites yet')).toBeVisible()

  const form = page.getByRole('region', { name: 'Invite someone' })
  await expect(form.getByLabel('Role')).toHaveValue('member')
  await form.getByLabel('Label').fill('Jamie, design team')
  await form.getByRole('button', { name: 'Create invite link' }).click()

  const once = page.getByRole('region', { name: 'Invite link for “Jamie, design team”' })
  await expect(once).toBeVisible()
  await expect(once).toContainText("It won't be shown again")
  inviteUrl = (await once.getByText(/\/join\//).textContent()) ?? ''
  expect(inviteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\/[\w-]{20,}$/)
  await once.getByRole('button', { name: 'Copy link' }).click()
  await expect(once.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl)

  await expect(invites.getByRole('row', { name: /Jamie, design team/ })).toContainText('Unused')
  await keepScreenshot(page, testInfo, 'admin-desktop-invite-link')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'admin-390-invite-link')

  // The link is not kept anywhere: it is gone once the box is closed or the page reloads.
  await page.reload()
  await expect(page.getByRole('region', { name: /Invite link for/ })).toHaveCount(0)
  await expect(page.getByText(inviteUrl)).toHaveCount(0)
})

test('the invited person sees who invited them and joins as a member', async ({ visitor }, testInfo) => {
  const page = await visitor()
  await page.goto(inviteUrl)
  await expect(page.getByRole('heading', { name: 'Join Acme Robotics' })).toBeVisible()
  await expect(page.getByText(`${owner.name} invited you to join Acme Robotics as a member.`)).toBeVisible()
  await expect(page.getByText('Jamie, design team')).toBeVisible()
  await keepScreenshot(page, testInfo, 'join-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'join-390')

  await page.getByLabel('Name', { exact: true }).fill(member.name)
  await page.getByLabel('Email').fill(member.email)
  await page.getByLabel('Password').fill(member.password)
  await page.getByRole('button', { name: 'Create account and join' }).click()
  await expect(page).toHaveURL('/')
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(accountArea(page).getByText(member.name)).toBeVisible()
  await expect(accountArea(page).getByText('Member', { exact: true })).toBeVisible()
})

test('a member sees no Admin page in the menu and is refused at /admin', async ({ visitor }, testInfo) => {
  const page = await visitor()
  await page.goto('/login')
  await signIn(page, member)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'API keys' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0)
  await page.goto('/admin')
  await expect(page.getByRole('heading', { name: 'Only owners and admins can open this page' })).toBeVisible()
  await expect(page.getByRole('table')).toHaveCount(0)
  await keepScreenshot(page, testInfo, 'admin-desktop-member-refused')
})

test('the owner sees who used the invite and can make the member an admin and back', async ({ page }, testInfo) => {
  await page.goto('/admin')
  const invites = page.getByRole('region', { name: 'Invite links' })
  await expect(invites.getByRole('row', { name: /Jamie, design team/ })).toContainText(new RegExp(`Used\\s*by ${member.name} on`))
  await expect(invites.getByRole('button', { name: /Revoke/ })).toHaveCount(0)

  const members = page.getByRole('region', { name: 'Members' })
  await expect(members.getByRole('row', { name: /Ada Owner/ })).toContainText('You')
  // The only owner cannot demote themselves, and is told why before trying.
  const own = members.getByRole('combobox', { name: `Role for ${owner.name}` })
  await expect(own).toBeDisabled()
  await expect(own).toHaveAccessibleDescription('You are the only owner: promote someone else first')
  const role = members.getByRole('combobox', { name: `Role for ${member.name}` })
  await expect(role).toHaveValue('member')
  await role.selectOption('admin')
  await expect(members.getByRole('status')).toHaveText(`${member.name} is now an admin.`)
  await expect(role).toHaveValue('admin')
  await keepScreenshot(page, testInfo, 'admin-desktop')
  await role.selectOption('member')
  await expect(members.getByRole('status')).toHaveText(`${member.name} is now a member.`)
  await expect(role).toHaveValue('member')

  await page.setViewportSize({ width: 390, height: 844 })
  await expect(members.getByRole('list', { name: 'Members' })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'admin-390')
})

test('a used invite link and an unknown one each get a clear page', async ({ visitor }, testInfo) => {
  const page = await visitor()
  await page.goto(inviteUrl)
  await expect(page.getByRole('heading', { name: 'This invite has already been used' })).toBeVisible()
  await expect(page.getByRole('textbox')).toHaveCount(0)
  await keepScreenshot(page, testInfo, 'join-desktop-used')
  await page.goto('/join/not-a-real-invite-code')
  await expect(page.getByRole('heading', { name: 'This invite link is not valid' })).toBeVisible()
  await page.getByRole('link', { name: 'Go to sign in' }).click()
  await expect(page).toHaveURL('/login')
})

test('an unused invite can be revoked, and its link then says so', async ({ page, visitor }, testInfo) => {
  await page.goto('/admin')
  const form = page.getByRole('region', { name: 'Invite someone' })
  await form.getByLabel('Role').selectOption('admin')
  await form.getByLabel('Expires after').fill('')
  await form.getByRole('button', { name: 'Create invite link' }).click()
  const once = page.getByRole('region', { name: 'Invite link for a new admin' })
  const url = (await once.getByText(/\/join\//).textContent()) ?? ''
  await once.getByRole('button', { name: 'Done' }).click()
  await expect(once).toHaveCount(0)

  const invites = page.getByRole('region', { name: 'Invite links' })
  const row = invites.getByRole('row', { name: /No label/ })
  await expect(row).toContainText('Never')
  await row.getByRole('button', { name: 'Revoke the admin invite' }).click()
  await expect(row.getByRole('button', { name: 'Revoke', exact: true })).toBeFocused()
  await keepScreenshot(page, testInfo, 'admin-desktop-revoke-confirm')
  await row.getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(invites.getByRole('status')).toHaveText('Revoked the admin invite; its link no longer works.')
  await expect(invites.getByRole('row', { name: /No label/ })).toContainText('Revoked')

  const stranger = await visitor()
  await stranger.goto(url)
  await expect(stranger.getByRole('heading', { name: 'This invite was revoked' })).toBeVisible()
})

test('an API key is shown once, listed by prefix, and gone once revoked', async ({ page, context, playwright, baseURL }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/api-keys')
  const list = page.getByRole('region', { name: 'Your keys' })
  await expect(list.getByText('No API keys yet')).toBeVisible()
  await expect(list).toContainText('Authorization: Bearer <key>')
  await keepScreenshot(page, testInfo, 'api-keys-empty')

  await page.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByText('Name is required')).toBeVisible()
  await page.getByLabel('Name').fill('Laptop – Claude Code')
  await page.getByRole('button', { name: 'Create key' }).click()
  const once = page.getByRole('region', { name: 'Your new key “Laptop – Claude Code”' })
  await expect(once).toBeVisible()
  const key = (await once.getByText(/^exk_/).textContent()) ?? ''
  expect(key).toMatch(/^exk_[\w-]{40,}$/)
  await once.getByRole('button', { name: 'Copy key' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)

  const row = list.getByRole('row', { name: /Laptop – Claude Code/ })
  await expect(row).toContainText(`${key.slice(0, 12)}…`)
  await expect(row.getByRole('cell', { name: 'Never' })).toHaveCount(2)
  await keepScreenshot(page, testInfo, 'api-keys-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, 'api-keys-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  // The key works against the API until it is revoked (a client without the owner's cookie).
  const client = await playwright.request.newContext({ baseURL })
  const ok = await client.get('/api/api-keys', { headers: { authorization: `Bearer ${key}` } })
  expect(ok.status()).toBe(200)

  await row.getByRole('button', { name: 'Revoke Laptop – Claude Code' }).click()
  await row.getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(list.getByText('No API keys yet')).toBeVisible()
  await expect(page.getByText(key)).toHaveCount(0)
  const refused = await client.get('/api/api-keys', { headers: { 'x-api-key': key } })
  expect(refused.status()).toBe(401)
  await client.dispose()
})

test('removing a member asks first, then deletes their account', async ({ page, visitor }) => {
  await page.goto('/admin')
  const members = page.getByRole('region', { name: 'Members' })
  await expect(members.getByRole('row', { name: /Ada Owner/ }).getByRole('button', { name: /Remove/ })).toHaveCount(0)
  const row = members.getByRole('row', { name: new RegExp(member.name) })
  await row.getByRole('button', { name: `Remove ${member.name}` }).click()
  await expect(row).toContainText('Remove and delete their account?')
  await page.keyboard.press('Escape')
  await expect(row.getByRole('button', { name: `Remove ${member.name}` })).toBeFocused()

  await row.getByRole('button', { name: `Remove ${member.name}` }).click()
  await row.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(members.getByRole('status')).toHaveText(`${member.name} was removed.`)
  await expect(members.getByRole('row', { name: new RegExp(member.name) })).toHaveCount(0)
  await expect(members).toContainText('1 person can sign in')

  const former = await visitor()
  await former.goto('/login')
  await former.getByLabel('Email').fill(member.email)
  await former.getByLabel('Password').fill(member.password)
  await former.getByRole('button', { name: 'Sign in' }).click()
  await expect(former.getByRole('alert')).toHaveText('Incorrect email or password')
})
