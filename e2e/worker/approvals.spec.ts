// Approvals on the Worker: an agent's program, run over /mcp by a real MCP SDK client (dev auth
// makes it the dev admin; the bearer it sends is ignored), pauses on a call a policy says needs
// approval; the admin decides it in the console and the agent's `resume` gets the outcome.
import { connectMcp } from '../../test/harness/mcp-client'
import { expect, test } from '../fixtures'
import { bothWidths } from './shots'

type ToolResult = { structuredContent?: Record<string, unknown>; isError?: boolean }

async function callMcp(baseURL: string, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const mcp = await connectMcp(baseURL, 'unused-with-dev-auth')
  try {
    return (await mcp.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 })) as ToolResult
  } finally {
    await mcp.close()
  }
}

test.afterEach(async ({ page }) => {
  const { policies } = (await (await page.request.get('/api/policies')).json()) as { policies: { id: string }[] }
  for (const policy of policies) await page.request.delete(`/api/policies/${policy.id}`)
})

test('an agent pauses on a watched call; the admin approves it in the console and the agent gets the result', async ({ page, baseURL }, testInfo) => {
  const added = await page.request.post('/api/policies', { data: { pattern: 'executor.echo', action: 'require_approval', note: 'echo is watched' } })
  expect(added.status(), await added.text()).toBe(201)
  const paused = await callMcp(baseURL ?? '', 'execute', { code: "return await tools.executor.echo({ hello: 'worker' })" })
  expect(paused.structuredContent, JSON.stringify(paused)).toMatchObject({ status: 'paused' })
  const id = String(paused.structuredContent?.executionId)
  expect((paused.structuredContent?.approval as { url: string }).url).toBe(`${baseURL}/resume/${id}`)

  await page.goto('/')
  const badge = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /pending approvals?$/ })
  await expect(badge).toHaveAccessibleName('1 pending approval')
  await badge.click()
  await expect(page).toHaveURL('/executions?status=paused')
  await page.getByRole('table', { name: 'Execution history' }).getByRole('row').nth(1).getByRole('link', { name: /^View run from/ }).click()
  await expect(page).toHaveURL(`/executions/${id}`)
  const waiting = page.getByRole('region', { name: 'Waiting for approval' })
  await expect(waiting.getByRole('group', { name: 'Why it asks' })).toContainText('Rule 1 "executor.echo" requires approval for it')
  await bothWidths(page, testInfo, 'execution-paused')
  await waiting.getByRole('link', { name: 'Review and decide' }).click()
  await expect(page).toHaveURL(`/resume/${id}`)

  const call = page.getByRole('region', { name: 'Pending call' })
  await expect(call.getByRole('group', { name: 'Arguments of executor.echo' })).toContainText('"hello": "worker"')
  await expect(call).toContainText('Note on the rule: echo is watched')
  await bothWidths(page, testInfo, 'resume-pending')

  const resumed = callMcp(baseURL ?? '', 'resume', { executionId: id, waitSeconds: 30 })
  await call.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You approved tools.executor.echo' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Result' }).getByRole('group', { name: 'Result' })).toContainText('"hello": "worker"')
  expect((await resumed).structuredContent).toMatchObject({ status: 'completed', result: { hello: 'worker' } })
  await expect(badge).toHaveCount(0)
  await bothWidths(page, testInfo, 'resume-decided')

  await page.getByRole('link', { name: 'Open the execution' }).click()
  await expect(page.getByRole('list', { name: 'Tool calls' })).toContainText(/Approved by Dev Admin via console at/)
})
