// Connecting OAuth 2 in the browser: an admin adds an OAuth 2 connection to an API protected by a
// real authorization server on 127.0.0.1 (discovery, dynamic registration, PKCE), is sent to the
// provider, comes back through Executor's callback page, and the connection is connected; a
// program run from the console then calls the API with the token.
import { startOAuthFixture, type OAuthFixture } from '../server/connections/oauth/oauth-fixture-server'
import { expect, test } from './fixtures'
import { keepScreenshot } from './screenshots'

let fixture: OAuthFixture

test.beforeAll(async () => {
  fixture = await startOAuthFixture()
})
test.afterAll(async () => {
  await fixture?.close()
})

function openApi(apiUrl: string) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Protected API', version: '1' },
    servers: [{ url: apiUrl }],
    components: { securitySchemes: { oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: `${fixture.url}/authorize`, tokenUrl: `${fixture.url}/token`, scopes: {} } } } } },
    security: [{ oauth: [] }],
    paths: { '/me': { get: { operationId: 'getMe', tags: ['me'], responses: { '200': { description: 'ok' } } } } },
  })
}

test('an admin connects an OAuth 2 connection in the browser and a program calls the API with its token', async ({ page }, testInfo) => {
  test.setTimeout(60_000)
  await page.goto('/')
  const added = await page.request.post('/api/integrations', { data: { kind: 'openapi', slug: 'protected', document: openApi(fixture.apiUrl) } })
  expect(added.status(), await added.text()).toBe(201)
  const { id } = (await added.json()) as { id: string }

  await page.goto(`/integrations/${id}`)
  await page.getByRole('button', { name: 'Add connection' }).click()
  const form = page.getByRole('form', { name: 'Add connection' })
  // The description's OAuth 2 scheme picks the method and the sign-in grant.
  await expect(form.getByLabel('Authentication')).toHaveValue('oauth2')
  await expect(form.getByLabel('Grant')).toHaveValue('authorization_code')
  await keepScreenshot(page, testInfo, 'connection-oauth-form-desktop')
  await form.getByRole('button', { name: 'Add connection' }).click()

  // Off to the provider (which approves at once), back through the callback page.
  await page.waitForURL(/\/api\/oauth\/callback/)
  await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to the integration' }).click()
  const row = page.getByRole('listitem', { name: 'org.main' })
  await expect(row).toContainText('OAuth 2 (sign-in)')
  await expect(row).toContainText('Access token expires')
  await expect(row.getByRole('button', { name: 'Reconnect org.main' })).toBeVisible()
  await expect(page.locator('body')).not.toContainText(/access_token|refresh_token/)
  await keepScreenshot(page, testInfo, 'connection-oauth-connected-desktop')

  const run = await page.request.post('/api/executions', { data: { code: 'const r = await tools.protected.me.getMe(); return r.status' } })
  expect(await run.json()).toMatchObject({ status: 'completed', result: 200 })
})
