// Approvals in the console: an agent's program (a real MCP client with an API key) pauses on a
// call a policy says needs approval; the owner finds it by the navigation badge and the detail
// page, decides it on /resume/<id>, and the agent's `resume` gets the outcome. Also: a denial the
// program catches, a decision someone else made first, the different-approver setting, and the
// policy and approval of each call on the detail page.
import type { Page } from '@playwright/test'
import { connectMcp } from '../test/harness/mcp-client'
import { keepScreenshot } from './screenshots'
import { expect, test } from './fixtures'

type ToolResult = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

let apiKey = ''

test.beforeEach(async ({ page }) => {
  if (!apiKey) {
    const created = await page.request.post('/api/api-keys', { data: { name: 'approvals e2e' } })
    expect(created.status(), await created.text()).toBe(201)
    apiKey = String(((await created.json()) as { key: string }).key)
  }
  const added = await page.request.post('/api/policies', { data: { pattern: 'executor.echo', action: 'require_approval', note: 'echo is watched' } })
  expect(added.status(), await added.text()).toBe(201)
})

// Other specs run programs that call echo and expect them to finish.
test.afterEach(async ({ page }) => {
  const { policies } = (await (await page.request.get('/api/policies')).json()) as { policies: { id: string }[] }
  for (const policy of policies) await page.request.delete(`/api/policies/${policy.id}`)
  await page.request.put('/api/policies/settings', { data: { expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: false } })
})

async function callMcp(baseURL: string, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const mcp = await connectMcp(baseURL, apiKey)
  try {
    return (await mcp.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 })) as ToolResult
  } finally {
    await mcp.close()
  }
}

/** Runs `code` as an agent would; it must pause. The execution id and the approval link. */
async function runUntilPaused(baseURL: string, code: string): Promise<{ id: string; url: string }> {
  const paused = await callMcp(baseURL, 'execute', { code })
  expect(paused.structuredContent, JSON.stringify(paused)).toMatchObject({ status: 'paused' })
  const id = String(paused.structuredContent?.executionId)
  const approval = paused.structuredContent?.approval as { url: string }
  expect(approval.url).toBe(`${baseURL}/resume/${id}`)
  return { id, url: approval.url }
}

async function pendingCount(page: Page): Promise<number> {
  return ((await (await page.request.get('/api/approvals')).json()) as { count: number }).count
}

const badge = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /pending approvals?$/ })
const pendingLabel = (count: number) => `${count} pending approval${count === 1 ? '' : 's'}`

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

test('an agent pauses on a call; the owner finds it by the badge, approves it on /resume and the agent gets the result', async ({ page, baseURL }, testInfo) => {
  const before = await pendingCount(page)
  const { id, url } = await runUntilPaused(baseURL ?? '', "return await tools.executor.echo({ hello: 'world' })")

  // The badge counts it and leads to the runs waiting for a decision.
  await page.goto('/')
  await expect(badge(page)).toHaveAccessibleName(pendingLabel(before + 1))
  await expect(badge(page)).toHaveText(String(before + 1))
  await badge(page).click()
  await expect(page).toHaveURL('/executions?status=paused')
  const status = page.getByRole('search', { name: 'Filter executions' }).getByLabel('Status')
  await expect(status).toHaveValue('paused')
  for (const label of ['Waiting for approval', 'Approval expired', 'Replay diverged']) {
    await expect(status.getByRole('option', { name: label })).toHaveCount(1)
  }

  // The detail page says what it waits on and leads to the decision.
  await page.goto(`/executions/${id}`)
  const waiting = page.getByRole('region', { name: 'Waiting for approval' })
  await expect(waiting).toContainText('tools.executor.echo')
  await expect(waiting.getByRole('group', { name: 'Why it asks' })).toContainText('Needs approval')
  await expect(waiting.getByRole('group', { name: 'Why it asks' })).toContainText('Rule 1 "executor.echo" requires approval for it')
  await keepScreenshot(page, testInfo, 'execution-paused-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await noSidewaysScroll(page)
  await keepScreenshot(page, testInfo, 'execution-paused-390')
  await page.setViewportSize({ width: 1280, height: 720 })
  await waiting.getByRole('link', { name: 'Review and decide' }).click()
  await expect(page).toHaveURL(new URL(url).pathname)

  const call = page.getByRole('region', { name: 'Pending call' })
  await expect(page.getByRole('heading', { name: 'Approval request' })).toBeVisible()
  await expect(call).toContainText('tools.executor.echo')
  await expect(call.getByRole('group', { name: 'Arguments of executor.echo' })).toContainText('"hello": "world"')
  await expect(call).toContainText('Rule 1 "executor.echo" requires approval for it')
  await expect(call).toContainText('Note on the rule: echo is watched')
  await expect(call.getByText(/^in (9|10) min$/)).toBeVisible()
  await expect(page.getByText('Ada Owner').first()).toBeVisible()
  // The program is there, folded.
  await expect(page.getByRole('group', { name: 'The program' })).toBeHidden()
  await page.locator('summary', { hasText: 'The program' }).click()
  await expect(page.getByRole('group', { name: 'The program' })).toContainText("tools.executor.echo({ hello: 'world' })")
  await keepScreenshot(page, testInfo, 'resume-pending-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await noSidewaysScroll(page)
  const approve = call.getByRole('button', { name: 'Approve' })
  const deny = call.getByRole('button', { name: 'Deny' })
  // On a phone the two buttons share a row, each a comfortable target.
  const [approveBox, denyBox] = [await approve.boundingBox(), await deny.boundingBox()]
  expect(approveBox?.width).toBeGreaterThan(140)
  expect(approveBox?.y).toBe(denyBox?.y)
  await keepScreenshot(page, testInfo, 'resume-pending-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  // The agent waits for the decision while the owner makes it.
  const resumed = callMcp(baseURL ?? '', 'resume', { executionId: id, waitSeconds: 30 })
  await approve.click()
  await expect(page.getByRole('status').filter({ hasText: 'You approved tools.executor.echo' })).toBeVisible()
  const result = page.getByRole('region', { name: 'Result' })
  await expect(result.getByRole('group', { name: 'Result' })).toContainText('"hello": "world"')
  await expect(page.getByRole('heading', { name: 'Approval request' }).locator('..')).toContainText('Completed')
  const answer = await resumed
  expect(answer.structuredContent).toMatchObject({ status: 'completed', result: { hello: 'world' } })
  // The decision refreshed the badge.
  if (before === 0) await expect(badge(page)).toHaveCount(0)
  else await expect(badge(page)).toHaveAccessibleName(pendingLabel(before))
  await keepScreenshot(page, testInfo, 'resume-decided-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await noSidewaysScroll(page)
  await keepScreenshot(page, testInfo, 'resume-decided-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  // The detail page records the policy and who approved the call, when and how.
  await page.getByRole('link', { name: 'Open the execution' }).click()
  await expect(page).toHaveURL(`/executions/${id}`)
  const calls = page.getByRole('list', { name: 'Tool calls' })
  await expect(calls.getByRole('group', { name: 'Policy for executor.echo' })).toContainText('Needed approval')
  await expect(calls.getByRole('group', { name: 'Policy for executor.echo' })).toContainText('rule #1 executor.echo')
  await expect(calls).toContainText(/Approved by Ada Owner via console at/)
  await keepScreenshot(page, testInfo, 'execution-approved-desktop')
  await page.setViewportSize({ width: 390, height: 844 })
  await noSidewaysScroll(page)
  await keepScreenshot(page, testInfo, 'execution-approved-390')
  await page.setViewportSize({ width: 1280, height: 720 })

  // The link opened again says the run no longer waits.
  await page.goto(`/resume/${id}`)
  const over = page.getByRole('region', { name: 'No longer waiting for approval' })
  await expect(over).toContainText('Completed')
  await expect(over.getByRole('link', { name: 'Open the execution' })).toHaveAttribute('href', `/executions/${id}`)
})

test('a denied call fails inside the program with ToolDenied, which the page and the detail show', async ({ page, baseURL }) => {
  const { id } = await runUntilPaused(
    baseURL ?? '',
    "try { await tools.executor.echo({ hello: 'no' }); return 'made' } catch (error) { return error.name }",
  )
  await page.goto(`/resume/${id}`)
  await page.getByRole('region', { name: 'Pending call' }).getByRole('button', { name: 'Deny' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You denied tools.executor.echo' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Result' })).toContainText('"ToolDenied"')

  await page.goto(`/executions/${id}`)
  const calls = page.getByRole('list', { name: 'Tool calls' })
  await expect(calls).toContainText('ToolDenied')
  await expect(calls).toContainText(/Denied by Ada Owner via console at/)
  await expect(calls.getByRole('group', { name: 'Policy for executor.echo' })).toContainText('Needed approval')
})

test('a call decided elsewhere first is reported on the page, which then shows the run as it stands', async ({ page, baseURL }) => {
  const { id } = await runUntilPaused(baseURL ?? '', "return await tools.executor.echo({ n: 1 })")
  await page.goto(`/resume/${id}`)
  await expect(page.getByRole('region', { name: 'Pending call' })).toBeVisible()
  const elsewhere = await page.request.post(`/api/executions/${id}/decision`, { data: { approve: false } })
  expect(elsewhere.status()).toBe(200)
  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('alert')).toHaveText('This execution is not waiting for approval: it is failed')
  await expect(page.getByRole('region', { name: 'No longer waiting for approval' })).toContainText('Failed')
})

test('with the different-approver setting, the person who ran it sees the call and why they cannot decide it', async ({ page, baseURL }) => {
  await page.request.put('/api/policies/settings', { data: { expiryMinutes: 10, inlineWaitSeconds: 60, requireDifferentApprover: true } })
  const { id } = await runUntilPaused(baseURL ?? '', "return await tools.executor.echo({ mine: true })")
  await page.goto(`/resume/${id}`)
  const call = page.getByRole('region', { name: 'Pending call' })
  await expect(call).toContainText('tools.executor.echo')
  await expect(call).toContainText('An approval here must come from someone other than the person who ran the program')
  await expect(call.getByRole('button')).toHaveCount(0)
  // Left paused: it expires; end it now so it does not count as pending for later specs.
  expect((await page.request.post(`/api/executions/${id}/cancel`)).status()).toBe(200)
})

test('an unknown id shows the not-found page', async ({ page }) => {
  await page.goto('/resume/exe_does_not_exist')
  await expect(page.getByRole('heading', { name: 'Execution not found' })).toBeVisible()
})
