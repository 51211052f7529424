// Integrations and executions on the Worker: the Petstore description, served on 127.0.0.1 (the
// Worker runs with ALLOW_LOCAL_NETWORK=true), is previewed and added by URL in the console; its
// tools are listed, a connection is added, a program calling it runs from the console (its write
// approved on the approval page), and the run's page shows each call.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { startPetstoreServer, type PetstoreServer } from '../../server/integrations/openapi/petstore-server'
import { expect, test } from '../fixtures'
import { bothWidths } from './shots'

const PETSTORE_KEY = 'pk_worker_e2e_petstore_7'
let petstore: PetstoreServer
let documents: http.Server
let documentUrl: string

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  const yaml = await readFile(join(process.cwd(), 'test/fixtures/petstore-openapi.yaml'), 'utf8')
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  documents = http.createServer((request, response) => {
    if (request.url === '/openapi.yaml') response.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml)
    else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve))
  documentUrl = `http://127.0.0.1:${(documents.address() as AddressInfo).port}/openapi.yaml`
})

test.afterAll(async () => {
  await petstore?.close()
  documents?.closeAllConnections()
  await new Promise((resolve) => documents?.close(resolve))
})

test('an admin previews a description by URL and adds it; its tools are listed', async ({ page }, testInfo) => {
  test.setTimeout(60_000)
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click()
  await expect(page.getByText('No integrations yet')).toBeVisible()
  await bothWidths(page, testInfo, 'integrations-empty')

  await page.getByRole('link', { name: 'Add integration' }).first().click()
  await page.getByLabel('URL', { exact: true }).fill(documentUrl)
  await page.getByRole('button', { name: 'Preview' }).click()
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview).toContainText('Swagger Petstore - OpenAPI 3.0', { timeout: 15_000 })
  await expect(preview).toContainText('19 operations')
  await bothWidths(page, testInfo, 'integration-new-preview')
  await page.getByLabel('Slug').fill('petstore')
  await page.getByLabel('Base URL').fill(petstore.baseUrl)
  await page.getByRole('button', { name: 'Add integration' }).click()

  await expect(page).toHaveURL(/\/integrations\/int_/, { timeout: 15_000 })
  await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('heading', { level: 1, name: 'Swagger Petstore - OpenAPI 3.0' })).toBeVisible()
  await expect(page.getByText('19 tools, one per operation')).toBeVisible()
  const tools = page.getByRole('list', { name: 'Tools' })
  await expect(tools.getByRole('listitem')).toHaveCount(19)
  await expect(tools.getByRole('listitem').filter({ hasText: 'pet.findPetsByStatus' })).toContainText('Read-only')
})

test('a connection is added from the API key scheme, and its secret is never shown', async ({ page }, testInfo) => {
  await page.goto('/integrations')
  const list = page.getByRole('table', { name: 'Integrations' })
  await expect(list.getByRole('row', { name: /petstore/ })).toContainText('None yet')
  await bothWidths(page, testInfo, 'integrations')

  await list.getByRole('link', { name: 'Swagger Petstore - OpenAPI 3.0' }).click()
  await page.getByRole('button', { name: 'Add connection' }).click()
  const form = page.getByRole('form', { name: 'Add connection' })
  await expect(form.getByLabel('Authentication')).toHaveValue('apiKey')
  await expect(form.getByLabel('Header, parameter or cookie name')).toHaveValue('api_key')
  await form.getByLabel('API key', { exact: true }).fill(PETSTORE_KEY)
  await form.getByRole('button', { name: 'Add connection' }).click()
  const connection = page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name: 'org.main' })
  await expect(connection).toContainText(/Secret set · changed/)
  expect(await page.content()).not.toContain(PETSTORE_KEY)
  await bothWidths(page, testInfo, 'integration-detail')
})

test('a program run from the console calls the API; its write is approved and its page shows each call', async ({ page }, testInfo) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Code' }).fill(`await tools.petstore.pet.addPet({ body: { name: 'Rex', photoUrls: [], status: 'available' } })
const found = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
console.log('found', found.data.length)
return found.data.map((pet) => pet.name)`)
  await page.getByRole('button', { name: 'Run' }).click()
  const lastRun = page.getByRole('region', { name: 'Last run' })
  await expect(lastRun.getByText('Waiting for approval').first()).toBeVisible()
  await expect(lastRun).toContainText('tools.petstore.pet.addPet')
  await lastRun.getByRole('link', { name: 'Review and decide' }).click()
  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('region', { name: 'Result' }).getByRole('group', { name: 'Result' })).toContainText('"Rex"')
  expect(petstore.seenCredentials.at(-1)).toBe(PETSTORE_KEY)

  await page.getByRole('link', { name: 'Open the execution' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Execution' })).toBeVisible()
  const calls = page.getByRole('list', { name: 'Tool calls' }).getByRole('listitem')
  await expect(calls).toHaveCount(2)
  await expect(calls.nth(0)).toContainText('petstore.pet.addPet')
  await expect(calls.nth(0)).toContainText(/Approved by Dev Admin via console/)
  await expect(calls.nth(1).getByRole('group', { name: 'Policy for petstore.pet.findPetsByStatus' })).toContainText('Allowed')
  await expect(page.getByRole('list', { name: 'Log lines' })).toContainText('found 1')
  expect(await page.content()).not.toContain(PETSTORE_KEY)
  await bothWidths(page, testInfo, 'execution-detail')

  await page.getByRole('link', { name: 'Back to executions' }).click()
  const newest = page.getByRole('table', { name: 'Execution history' }).getByRole('row').nth(1)
  await expect(newest).toContainText('Completed')
  await expect(newest).toContainText('Dev Admin')
  await bothWidths(page, testInfo, 'executions')
})

test('the Tools page finds a tool as you type', async ({ page }, testInfo) => {
  await page.goto('/tools')
  await page.getByLabel('Search tools').pressSequentially('find pets', { delay: 40 })
  const results = page.getByRole('list', { name: 'Search results' })
  await results.getByRole('link', { name: /petstore\.pet\.findPetsByStatus/ }).click()
  const detail = page.getByRole('region', { name: 'tools.petstore.pet.findPetsByStatus' })
  await expect(detail.getByRole('group', { name: 'Example call' })).toContainText('await tools.petstore.pet.findPetsByStatus({')
  await bothWidths(page, testInfo, 'tools')
})
