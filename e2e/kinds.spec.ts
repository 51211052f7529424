// Adding a GraphQL endpoint and a remote MCP server from the console: the add page tells what each
// URL is and how sure it is, previews its tools, and adds it. Both are real servers on 127.0.0.1.
import { startGraphQlFixture, type GraphQlFixture } from '../server/integrations/graphql/graphql-fixture'
import { startMcpTestServer, type McpTestServer } from '../server/integrations/mcp/mcp-test-server'
import { expect, test } from './fixtures'
import { keepScreenshot } from './screenshots'

let graphql: GraphQlFixture
let mcp: McpTestServer

test.beforeAll(async () => {
  ;[graphql, mcp] = await Promise.all([startGraphQlFixture(), startMcpTestServer()])
})
test.afterAll(async () => {
  await Promise.all([graphql?.close(), mcp?.close()])
})

test('a GraphQL endpoint and an MCP server are detected, previewed and added', async ({ page }, testInfo) => {
  test.setTimeout(60_000)
  await page.goto('/integrations/new')
  const url = page.getByLabel('URL', { exact: true })

  await url.fill(graphql.url)
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Detected' })).toContainText('Detected: GraphQL endpoint or schema (sure). It answered a GraphQL query.')
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview).toContainText('GraphQL')
  await expect(preview).toContainText('queries and mutations, each becomes a tool (subscriptions are not tools)')
  await keepScreenshot(page, testInfo, 'integration-new-graphql-desktop')
  await page.getByLabel('Slug').fill('code')
  await page.getByRole('button', { name: 'Add integration' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('GraphQL API')
  await expect(page.getByText('query.repos', { exact: true })).toBeVisible()

  await page.goto('/integrations/new')
  await page.getByLabel('URL', { exact: true }).fill(mcp.url)
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Detected' })).toContainText('Detected: Remote MCP server (sure). It answered an MCP initialize request.')
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('tools on the server')
  await page.getByLabel('Slug').fill('assistant')
  await page.getByRole('button', { name: 'Add integration' }).click()
  await expect(page.getByText('echo', { exact: true })).toBeVisible()
  await keepScreenshot(page, testInfo, 'integration-mcp-detail-desktop')
})
