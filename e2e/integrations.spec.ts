// Integrations in the console: add the Petstore description by URL (previewed first, imported
// with a progress bar) and pasted from a file, add a connection pre-filled from its security
// schemes, run a program calling its tools and read each call's details, find a tool as you
// type on the Tools page, and remove an integration. The description and the Petstore API are
// real HTTP servers on 127.0.0.1 (the server runs with EXECUTOR_ALLOW_LOCAL_NETWORK=true).
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startPetstoreServer, type PetstoreServer } from '../server/integrations/openapi/petstore-server'
import { expect, test } from './fixtures'
import { keepScreenshot } from './screenshots'

const PETSTORE_KEY = 'pk_e2e_petstore_secret_42'
const FIXTURE = join(process.cwd(), 'test/fixtures/petstore-openapi.yaml')
/** Long enough that adding answers while the import still runs (it waits 2 s) and the page sees it. */
const SLOW_MS = 6_000

let petstore: PetstoreServer
let documents: http.Server
let documentsUrl: string
let slowFetches = 0

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  const yaml = await readFile(FIXTURE, 'utf8')
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  documents = http.createServer((request, response) => {
    if (request.url === '/openapi.yaml') response.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml)
    else if (request.url === '/slow/openapi.yaml') {
      // Detecting and previewing (the first two GETs) answer at once; the import's takes its time.
      if (request.method === 'GET') slowFetches += 1
      const delay = request.method === 'GET' && slowFetches > 2 ? SLOW_MS : 0
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml), delay)
    }
    else if (request.url === '/docs') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>API docs</body></html>')
    else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve))
  documentsUrl = `http://127.0.0.1:${(documents.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await petstore?.close()
  documents?.closeAllConnections()
  await new Promise((resolve) => documents?.close(resolve))
})

async function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

async function atPhoneWidth(page: Page, testInfo: Parameters<typeof keepScreenshot>[1], name: string) {
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await pageOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  await keepScreenshot(page, testInfo, name)
  await page.setViewportSize({ width: 1280, height: 720 })
}

test('an admin previews a description by URL, adds it, and watches the import finish', async ({ page }, testInfo) => {
  test.setTimeout(60_000)
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible()
  await expect(page.getByText('No integrations yet')).toBeVisible()
  await keepScreenshot(page, testInfo, 'integrations-empty-desktop')
  await atPhoneWidth(page, testInfo, 'integrations-empty-390')

  // Nothing to call yet: the Tools page says so and where to go.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tools' }).click()
  await expect(page.getByRole('heading', { name: 'Only Executor\'s built-in tools are callable' })).toBeVisible()
  await keepScreenshot(page, testInfo, 'tools-empty-desktop')
  await page.getByRole('link', { name: 'Go to integrations →' }).click()

  await page.getByRole('link', { name: 'Add integration' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Add integration' })).toBeVisible()
  const url = page.getByLabel('URL', { exact: true })

  // A docs page instead of the description: the server's reason, in place.
  await url.fill(`${documentsUrl}/docs`)
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('alert')).toContainText('answered an HTML page, not an API description')

  await url.fill(`${documentsUrl}/slow/openapi.yaml`)
  await page.getByRole('button', { name: 'Preview' }).click()
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview).toContainText('Swagger Petstore - OpenAPI 3.0', { timeout: 15_000 })
  await expect(preview).toContainText('19 operations')
  await expect(preview).toContainText('OpenAPI 3.0')
  await expect(page.getByRole('status').filter({ hasText: 'Detected' })).toContainText('Detected: OpenAPI description (sure). It serves an OpenAPI description.')
  await expect(preview).toContainText('api_key: API key in header api_key')
  await expect(preview).toContainText('https://petstore3.swagger.io/api/v3')
  await expect(preview.getByRole('list', { name: 'Top groups' })).toContainText('pet')
  const slug = page.getByLabel('Slug')
  await expect(slug).toHaveValue('swagger_petstore_openapi_3_0')
  await keepScreenshot(page, testInfo, 'integration-new-preview-desktop')
  await atPhoneWidth(page, testInfo, 'integration-new-preview-390')

  // The schema's own rule, before anything is sent.
  await slug.fill('Petstore!')
  await page.getByRole('button', { name: 'Add integration' }).click()
  await expect(page.getByText('Slug must start with a lowercase letter')).toBeVisible()
  await expect(slug).toBeFocused()
  await slug.fill('petstore')
  await page.getByLabel('Base URL').fill(petstore.baseUrl)
  await page.getByRole('button', { name: 'Add integration' }).click()

  // Adding answers after 2 s while the slow import runs: the page shows it importing, then ready.
  await expect(page).toHaveURL(/\/integrations\/int_/, { timeout: 15_000 })
  // Named by its slug until the description, once read, gives its title.
  await expect(page.getByRole('heading', { level: 1, name: 'petstore' })).toBeVisible()
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(page.getByText('Importing', { exact: true })).toBeVisible()
  await expect(page.getByText('Fetching the description')).toBeVisible()
  await keepScreenshot(page, testInfo, 'integration-importing-desktop')
  await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('heading', { level: 1, name: 'Swagger Petstore - OpenAPI 3.0' })).toBeVisible()
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  await expect(page.getByText('19 tools, one per operation')).toBeVisible()
  await expect(page.getByText(`${documentsUrl}/slow/openapi.yaml`)).toBeVisible()
  await expect(page.getByText(petstore.baseUrl, { exact: true })).toBeVisible()
})

test('an admin adds the same description pasted from a file, under another slug', async ({ page }) => {
  await page.goto('/integrations/new')
  await page.getByLabel('Paste or upload').check()
  await page.getByLabel('Or load a file').setInputFiles(FIXTURE)
  await expect(page.getByText(/Loaded petstore-openapi\.yaml/)).toBeVisible()
  await expect(page.getByLabel('Document', { exact: true })).toHaveValue(/^openapi: 3\.0\.4/)
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('19 operations')

  // A taken slug: the server's 409, in words.
  await page.getByLabel('Slug').fill('petstore')
  await page.getByRole('button', { name: 'Add integration' }).click()
  await expect(page.getByRole('alert')).toContainText('An integration with the slug "petstore" already exists')
  await page.getByLabel('Slug').fill('petstore_pasted')
  await page.getByRole('button', { name: 'Add integration' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Swagger Petstore - OpenAPI 3.0' })).toBeVisible()
  await expect(page.getByText('Ready', { exact: true })).toBeVisible()
  await expect(page.getByText('Pasted document')).toBeVisible()
  // The description's Markdown link reads as its text, not as brackets and parentheses.
  await expect(page.getByText(/Swagger at https:\/\/swagger\.io\. In the third/)).toBeVisible()
  await expect(page.getByText('[https://swagger.io]')).toHaveCount(0)
  // The document is kept: its size shows, and it downloads as it was pasted.
  const yaml = await readFile(FIXTURE, 'utf8')
  await expect(page.getByText(`${(Buffer.byteLength(yaml) / 1024).toFixed(1)} KB · petstore_pasted.openapi.yaml`)).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download source' }).click()])
  expect(download.suggestedFilename()).toBe('petstore_pasted.openapi.yaml')
  expect(await readFile(await download.path(), 'utf8')).toBe(yaml)
  // Added pasted: refreshing it takes new text, or none to import the kept document again.
  await expect(page.getByLabel('Refresh from a new document')).toBeVisible()
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  await expect(page.getByText('Paste the new description first')).toHaveCount(0)
  await expect(page.getByText('Ready', { exact: true })).toBeVisible()
  await expect(page.getByText('19 tools, one per operation')).toBeVisible()
})

test('a connection starts from the API key scheme the description names, and its secret is never shown', async ({ page }, testInfo) => {
  await page.goto('/integrations')
  const list = page.getByRole('table', { name: 'Integrations' })
  await expect(list.getByRole('row')).toHaveCount(3)
  await expect(list.getByRole('row', { name: /petstore_pasted/ })).toContainText('None yet')
  await keepScreenshot(page, testInfo, 'integrations-desktop')
  await atPhoneWidth(page, testInfo, 'integrations-390')

  await list.getByRole('link', { name: 'Swagger Petstore - OpenAPI 3.0' }).first().click()
  await expect(page.getByText('tools.petstore', { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No connection you can use' })).toBeVisible()
  await page.getByRole('button', { name: 'Add connection' }).click()
  const form = page.getByRole('form', { name: 'Add connection' })
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('main')
  await expect(form.getByLabel('Shared with')).toHaveValue('org')
  await expect(form.getByLabel('Authentication')).toHaveValue('apiKey')
  await expect(form.getByLabel('Send the key in')).toHaveValue('header')
  await expect(form.getByLabel('Header, parameter or cookie name')).toHaveValue('api_key')
  const key = form.getByLabel('API key', { exact: true })
  await expect(key).toHaveAttribute('type', 'password')
  await form.getByRole('button', { name: 'Add connection' }).click()
  await expect(form.getByText('key is required')).toBeVisible()
  await expect(key).toBeFocused()
  await key.fill(PETSTORE_KEY)
  await form.getByRole('button', { name: 'Add connection' }).click()

  const connection = page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name: 'org.main' })
  await expect(connection).toContainText('API key in header api_key')
  await expect(connection).toContainText(/Secret set · changed/)
  expect(await page.content()).not.toContain(PETSTORE_KEY)

  const tools = page.getByRole('list', { name: 'Tools' })
  await expect(tools.getByRole('listitem')).toHaveCount(19)
  await expect(tools.getByRole('listitem').filter({ hasText: 'pet.deletePet' })).toContainText('Destructive')
  await expect(tools.getByRole('listitem').filter({ hasText: 'pet.findPetsByStatus' })).toContainText('Read-only')
  await expect(page.getByText('await tools.petstore.pet.addPet({ … })')).toBeVisible()
  await keepScreenshot(page, testInfo, 'integration-detail-desktop')
  await atPhoneWidth(page, testInfo, 'integration-detail-390')
})

test('a program run from the console calls the integration, and the run shows each call’s details', async ({ page }, testInfo) => {
  await page.goto('/executions')
  await page.getByRole('textbox', { name: 'Code' }).fill(`await tools.petstore.pet.addPet({ body: { name: 'Rex', photoUrls: [], status: 'available' } })
const found = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
return found.data.map((pet) => pet.name)`)
  await page.getByRole('button', { name: 'Run' }).click()
  // The write needs approval by default: the run waits, and is approved on its approval page.
  const lastRun = page.getByRole('region', { name: 'Last run' })
  await expect(lastRun.getByText('Waiting for approval').first()).toBeVisible()
  await expect(lastRun).toContainText('tools.petstore.pet.addPet')
  await lastRun.getByRole('link', { name: 'Review and decide' }).click()
  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('region', { name: 'Result' }).getByRole('group', { name: 'Result' })).toContainText('"Rex"')

  await page.getByRole('link', { name: 'Open the execution' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  const calls = page.getByRole('list', { name: 'Tool calls' }).getByRole('listitem')
  await expect(calls).toHaveCount(2)
  const addDetails = calls.nth(0).getByRole('group', { name: 'Details of petstore.pet.addPet' })
  await expect(calls.nth(0)).toContainText('petstore.pet.addPet')
  await expect(calls.nth(0).getByRole('group', { name: 'Policy for petstore.pet.addPet' })).toContainText('Needed approval')
  await expect(calls.nth(0)).toContainText(/Approved by Ada Owner via console/)
  await expect(calls.nth(1).getByRole('group', { name: 'Policy for petstore.pet.findPetsByStatus' })).toContainText('Allowed')
  for (const [label, value] of [['Integration', 'petstore'], ['Connection', 'org.main'], ['Method', 'POST'], ['HTTP status', '200']]) {
    await expect(addDetails.getByRole('definition').filter({ hasText: new RegExp(`^${value}$`) })).toBeVisible()
    await expect(addDetails.getByRole('term').filter({ hasText: label })).toBeVisible()
  }
  const findDetails = calls.nth(1).getByRole('group', { name: 'Details of petstore.pet.findPetsByStatus' })
  await expect(findDetails).toContainText('GET')
  await expect(calls.nth(1)).toContainText(/took \S+ ms|took <1 ms|took \S+ s/)
  expect(await page.content()).not.toContain(PETSTORE_KEY)
  await keepScreenshot(page, testInfo, 'execution-integration-calls-desktop')
  await atPhoneWidth(page, testInfo, 'execution-integration-calls-390')
})

test('the Tools page finds a tool as you type and shows how to call it', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tools' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tools' })).toBeVisible()
  await page.getByLabel('Search tools').pressSequentially('find pets', { delay: 40 })
  const results = page.getByRole('list', { name: 'Search results' })
  await expect(results.getByRole('link').first()).toContainText('petstore.pet.findPetsByStatus')
  await results.getByRole('link', { name: /petstore\.pet\.findPetsByStatus/ }).click()
  await expect(page).toHaveURL(/path=petstore\.pet\.findPetsByStatus/)
  const detail = page.getByRole('region', { name: 'tools.petstore.pet.findPetsByStatus' })
  await expect(detail).toContainText('Read-only')
  const declaration = detail.getByRole('group', { name: /^(Declaration|Input schema)$/ })
  await expect(declaration).toContainText('status')
  await expect(detail.getByRole('group', { name: 'Example call' })).toContainText('await tools.petstore.pet.findPetsByStatus({')
  await expect(detail.getByRole('group', { name: 'Example call' })).toContainText('status: "available"')
  await keepScreenshot(page, testInfo, 'tools-desktop')
  await atPhoneWidth(page, testInfo, 'tools-390')

  // A link from the integration's page opens the same view.
  await page.goto('/integrations/petstore')
  await page.getByRole('list', { name: 'Tools' }).getByRole('link', { name: 'pet.getPetById' }).click()
  await expect(page.getByRole('region', { name: 'tools.petstore.pet.getPetById' })).toBeVisible()
})

test('a member uses org connections, keeps a personal one of their own, and manages nothing else', async ({ page, visitor }, testInfo) => {
  const invite = await page.request.post('/api/invites', { data: { role: 'member' } })
  expect(invite.status(), await invite.text()).toBe(201)
  const memberPage = await visitor()
  const joined = await memberPage.request.post('/api/auth/sign-up/email', {
    data: { name: 'Mo Member', email: 'mo@example.com', password: 'mo-reads-the-petstore-docs' },
    headers: { 'x-executor-invite': String((await invite.json()).code) },
  })
  expect(joined.status(), await joined.text()).toBe(200)

  await memberPage.goto('/integrations')
  await expect(memberPage.getByRole('link', { name: 'Add integration' })).toHaveCount(0)
  const row = memberPage.getByRole('table', { name: 'Integrations' }).getByRole('row', { name: /petstore\b(?!_)/ })
  await expect(row.getByRole('cell').last()).toHaveText('1')
  await memberPage.goto('/integrations/new')
  await expect(memberPage.getByRole('heading', { name: 'Only owners and admins can add integrations' })).toBeVisible()

  await memberPage.goto('/integrations/petstore')
  await expect(memberPage.getByRole('region', { name: 'Manage' })).toHaveCount(0)
  const orgMain = memberPage.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name: 'org.main' })
  await expect(orgMain).toContainText('API key in header api_key')
  await expect(orgMain.getByRole('button')).toHaveCount(0)
  await memberPage.getByRole('button', { name: 'Add connection' }).click()
  const form = memberPage.getByRole('form', { name: 'Add connection' })
  await expect(form.getByLabel('Shared with')).toHaveCount(0)
  await expect(form).toContainText('Only you (me.…)')
  await form.getByLabel('Name', { exact: true }).fill('mine')
  await form.getByLabel('Authentication').selectOption('bearer')
  await form.getByLabel('Token').fill(PETSTORE_KEY)
  await form.getByRole('button', { name: 'Add connection' }).click()
  const mine = memberPage.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name: 'me.mine' })
  await expect(mine).toContainText('Personal')
  await expect(mine).toContainText('Bearer token')
  await expect(mine.getByRole('button', { name: 'Delete me.mine' })).toBeVisible()
  // Two usable connections: calls name one.
  await expect(memberPage.getByText('await tools.petstore.org.main.pet.addPet({ … })')).toBeVisible()
  expect(await memberPage.content()).not.toContain(PETSTORE_KEY)
  await memberPage.setViewportSize({ width: 390, height: 844 })
  expect(await pageOverflow(memberPage)).toBeLessThanOrEqual(0)
  await keepScreenshot(memberPage, testInfo, 'integration-detail-member-390')

  // The owner never sees a member's personal connection.
  await page.goto('/integrations/petstore')
  await expect(page.getByRole('list', { name: 'Connections' }).getByRole('listitem')).toHaveCount(1)
  await expect(page.getByText('me.mine')).toHaveCount(0)
})

test('removing an integration asks first, then it is gone with its tools', async ({ page }) => {
  await page.goto('/integrations/petstore_pasted')
  await page.getByRole('button', { name: 'Remove Swagger Petstore - OpenAPI 3.0' }).click()
  const confirm = page.getByRole('group', { name: 'Remove Swagger Petstore - OpenAPI 3.0' })
  await expect(confirm).toContainText('Remove petstore_pasted and its connections?')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Remove Swagger Petstore - OpenAPI 3.0' }).click()
  await page.getByRole('group', { name: 'Remove Swagger Petstore - OpenAPI 3.0' }).getByRole('button', { name: 'Remove' }).click()
  await expect(page).toHaveURL('/integrations')
  const list = page.getByRole('table', { name: 'Integrations' })
  await expect(list.getByRole('row')).toHaveCount(2)
  await expect(list).not.toContainText('petstore_pasted')
})
