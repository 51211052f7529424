// An MCP client connecting by URL alone: the MCP SDK's own OAuth support (discovery, dynamic
// registration, PKCE) sends the browser to Executor's consent page, the person clicks Allow, the
// client's loopback callback receives the code, and the SDK client then lists and calls tools,
// refreshing on its own once the access token has expired. A signed-out person is sent through
// /login first and comes back to the same consent.
import http from 'node:http'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js'
import { expect, owner, signIn, test } from './fixtures'
import { keepScreenshot } from './screenshots'

type Callback = { url: string; next: () => Promise<URL>; close: () => Promise<void> }

/** The client's loopback redirect URI: each request to it is the end of one authorization. */
async function startCallback(): Promise<Callback> {
  const waiting: Array<(url: URL) => void> = []
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.')
    waiting.shift()?.(new URL(request.url ?? '/', 'http://127.0.0.1'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`
  return {
    url,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** An in-memory OAuthClientProvider, as an MCP client keeps one per server. */
function memoryProvider(redirectUrl: string) {
  const state: { client?: OAuthClientInformationMixed; tokens?: OAuthTokens; verifier?: string; authorizeUrl?: URL } = {}
  const provider: OAuthClientProvider = {
    get redirectUrl() {
      return redirectUrl
    },
    get clientMetadata() {
      return { client_name: 'SDK Test Client', redirect_uris: [redirectUrl], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }
    },
    clientInformation: () => state.client,
    saveClientInformation: (info) => void (state.client = info),
    tokens: () => state.tokens,
    saveTokens: (tokens) => void (state.tokens = tokens),
    redirectToAuthorization: (url) => void (state.authorizeUrl = url),
    saveCodeVerifier: (verifier) => void (state.verifier = verifier),
    codeVerifier: () => state.verifier ?? '',
  }
  return { provider, state }
}

/** Makes every access token in the shared e2e database expired (WAL lets us write while it runs). */
async function expireAccessTokens() {
  const db = createClient({ url: `file:${join(String(process.env.E2E_DATA_DIR), 'data.db')}`, timeout: 5_000 })
  try {
    await db.execute({ sql: "UPDATE mcp_oauth_token SET expires_at = ? WHERE kind = 'access'", args: [Date.now() - 1000] })
  } finally {
    db.close()
  }
}

let callback: Callback
test.beforeAll(async () => {
  callback = await startCallback()
})
test.afterAll(async () => {
  await callback?.close()
})

test('the MCP SDK client signs in through the consent page, calls tools, and refreshes its token', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(60_000)
  const mcpUrl = new URL('/mcp', baseURL)
  const { provider, state } = memoryProvider(callback.url)

  // Unauthorized: the SDK discovers the server, registers, and asks for the browser.
  const first = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })
  await expect(new Client({ name: 'sdk-test', version: '1.0.0' }).connect(first)).rejects.toThrow(/Unauthorized/)
  expect(state.client?.client_id).toMatch(/^mcpc_/)
  const authorizeUrl = state.authorizeUrl
  if (!authorizeUrl) throw new Error('the SDK did not ask for the browser')
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorizeUrl.searchParams.get('resource')).toBe(mcpUrl.toString())

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(authorizeUrl.toString())
  await expect(page).toHaveURL(/\/mcp-consent\?/)
  const consent = page.getByRole('region', { name: /Allow SDK Test Client/ })
  await expect(consent).toBeVisible()
  await expect(consent).toContainText('127.0.0.1')
  await expect(consent).toContainText(owner.email)
  await keepScreenshot(page, testInfo, 'mcp-consent-1280')
  await page.setViewportSize({ width: 390, height: 844 })
  await keepScreenshot(page, testInfo, 'mcp-consent-390')

  const arrived = callback.next()
  await page.getByRole('button', { name: 'Allow' }).click()
  const back = await arrived
  const code = back.searchParams.get('code')
  expect(code).toBeTruthy()
  await first.finishAuth(String(code))
  expect(state.tokens?.refresh_token).toBeTruthy()

  const client = new Client({ name: 'sdk-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }))
  const tools = await client.listTools()
  expect(tools.tools.map((tool) => tool.name)).toContain('execute')
  const ran = await client.callTool({ name: 'execute', arguments: { code: 'return 20 + 22' } })
  expect(JSON.stringify(ran.content)).toContain('42')

  // The access token expires: the SDK's next request is refused, it refreshes, and retries.
  const before = state.tokens
  await expireAccessTokens()
  const again = await client.callTool({ name: 'execute', arguments: { code: 'return "still here"' } })
  expect(JSON.stringify(again.content)).toContain('still here')
  expect(state.tokens?.access_token).not.toBe(before?.access_token)
  expect(state.tokens?.refresh_token).not.toBe(before?.refresh_token)
  await client.close()

  // The console lists it; revoking it ends the client's access.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/authorized-clients')
  const row = page.getByRole('row', { name: /SDK Test Client/ })
  await expect(row).toBeVisible()
  await keepScreenshot(page, testInfo, 'authorized-clients-1280')
  await row.getByRole('button', { name: /Revoke SDK Test Client/ }).click()
  await page.getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(page.getByText('No authorized clients')).toBeVisible()
})

test('a signed-out person signs in first and comes back to the same consent; Deny tells the client', async ({ visitor, baseURL }) => {
  const { provider, state } = memoryProvider(callback.url)
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseURL), { authProvider: provider })
  await expect(new Client({ name: 'sdk-test', version: '1.0.0' }).connect(transport)).rejects.toThrow(/Unauthorized/)
  const page = await visitor()
  await page.goto(String(state.authorizeUrl))
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await signIn(page, owner)
  await expect(page).toHaveURL(/\/mcp-consent\?/)
  await expect(page.getByRole('region', { name: /Allow SDK Test Client/ })).toBeVisible()
  const arrived = callback.next()
  await page.getByRole('button', { name: 'Deny' }).click()
  expect((await arrived).searchParams.get('error')).toBe('access_denied')
})
