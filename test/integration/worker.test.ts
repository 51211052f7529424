// The Worker target under `wrangler dev` with local D1 and R2.
import { LoggingMessageNotificationSchema, type Progress } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectMcp } from '../harness/mcp-client'
import { rawRequest } from '../harness/raw-http'
import { stopAll } from '../harness/process'
import { d1Execute, startWorker, type WorkerServer } from '../harness/worker-server'

let worker: WorkerServer
beforeAll(async () => {
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true' } })
})
afterAll(stopAll)

test('the Worker answers health from D1', async () => {
  const response = await fetch(`${worker.url}/api/health`)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok' })
})

test('the Worker answers unknown API routes and malformed JSON with the same JSON errors', async () => {
  const missing = await fetch(`${worker.url}/api/nope`)
  expect(missing.status).toBe(404)
  expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' })
  const malformed = await fetch(`${worker.url}/api/health`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{',
  })
  expect(malformed.status).toBe(400)
  expect(await malformed.json()).toMatchObject({ code: 'BAD_REQUEST' })
})

test('the Worker caps request bodies like the container: 2 MiB to the API is 413', async () => {
  // The Worker may answer before reading the whole body and close the connection, which fetch
  // reports as a failure even though the 413 arrived.
  const response = await rawRequest(`${worker.url}/api/executions`, { body: { code: 'x'.repeat(2 * 1024 * 1024) } })
  expect(response.status).toBe(413)
  expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
})

test('with ENABLE_DEV_AUTH on a local wrangler dev every request is the dev owner; accounts APIs do not exist', async () => {
  const me = await fetch(`${worker.url}/api/me`)
  expect(await me.json()).toMatchObject({ email: 'dev@localhost', role: 'owner', via: 'dev' })
  expect((await fetch(`${worker.url}/api/setup-status`).then((r) => r.json()))).toEqual({ needsSetup: false, needsSetupCode: false })
  const invites = await fetch(`${worker.url}/api/invites`)
  expect(invites.status).toBe(404)
  expect(await invites.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Cloudflare Access') })
})

test('the Worker runs code in QuickJS inside workerd, tool calls included', async () => {
  const response = await fetch(`${worker.url}/api/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: "console.log('in workerd'); const r = await tools.executor.echo({ n: 40 }); return r.n + 2" }),
  })
  expect(response.status).toBe(201)
  expect(await response.json()).toMatchObject({ status: 'completed', result: 42, logs: [expect.objectContaining({ message: 'in workerd' })] })
})

test('the Worker seeds the organization from SELF_HOSTED_ORG_* and renders the console', async () => {
  const page = await fetch(`${worker.url}/`)
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toContain('Cloudflare Worker')
  expect(html).toContain(`${worker.url}/mcp`)
})

test('without Access (or dev auth) the Worker answers API calls with 401', async () => {
  const closed = await startWorker()
  const me = await fetch(`${closed.url}/api/me`)
  expect(me.status).toBe(401)
  expect(await me.json()).toMatchObject({ code: 'UNAUTHORIZED' })
  await closed.stop()
})

test('a Worker whose D1 database was never migrated reports degraded health, not a crash', async () => {
  const unmigrated = await startWorker({ migrate: false, waitFor: 'listening' })
  const health = await fetch(`${unmigrated.url}/api/health`)
  expect(health.status).toBe(503)
  expect(await health.json()).toEqual({ status: 'degraded' })
  await unmigrated.stop()
})

test('the Worker serves /mcp sessions with log and progress notifications, and 404 JSON for unknown well-known paths', async () => {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  const logs: string[] = []
  const progress: Progress[] = []
  mcp.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(`${n.params.level}:${String(n.params.data)}`))
  const run = await mcp.client.callTool(
    { name: 'execute', arguments: { code: "console.warn('careful'); await tools.executor.echo({}); return 7" } },
    undefined,
    { onprogress: (p) => void progress.push(p) },
  )
  expect(run.structuredContent).toMatchObject({ status: 'completed', result: 7 })
  expect(logs).toEqual(['warning:careful'])
  expect(progress).toEqual([{ progress: 1, message: 'executor.echo' }])
  await mcp.close()
  const probe = await fetch(`${worker.url}/.well-known/oauth-authorization-server`, { redirect: 'manual' })
  expect(probe.status).toBe(404)
  expect(await probe.json()).toMatchObject({ code: 'NOT_FOUND' })
})

test('on the Worker, 10,000 tool calls are kept in D1 and a running program can be cancelled', async () => {
  const post = (body: unknown) =>
    fetch(`${worker.url}/api/executions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const many = await post({ code: 'for (let i = 0; i < 10000; i++) await tools.executor.echo({ i }); return 1', limits: { maxToolCalls: 10_000, timeoutMs: 60_000 } })
  const created = (await many.json()) as { id: string; status: string }
  expect(many.status, JSON.stringify(created).slice(0, 300)).toBe(201)
  const read = (await fetch(`${worker.url}/api/executions/${created.id}`).then((r) => r.json())) as { toolCalls: unknown[] }
  expect(read.toolCalls).toHaveLength(10_000)

  const slow = post({
    code: 'for (let i = 0; ; i++) { let x = 0; for (let j = 0; j < 20000; j++) x += j; await tools.executor.echo(i) }',
    limits: { maxToolCalls: 10_000, timeoutMs: 60_000 },
  })
  let id: string | undefined
  for (let attempt = 0; attempt < 100 && !id; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    const list = (await fetch(`${worker.url}/api/executions?limit=1`).then((r) => r.json())) as { executions: Array<{ id: string; status: string }> }
    id = list.executions.find((e) => e.status === 'running')?.id
  }
  const cancel = await fetch(`${worker.url}/api/executions/${String(id)}/cancel`, { method: 'POST' })
  expect(cancel.status).toBe(200)
  expect(await cancel.json()).toMatchObject({ id, status: 'cancelled', errorMessage: 'Cancelled by Dev Admin (dev@localhost)' })
  expect(await (await slow).json()).toMatchObject({ id, status: 'cancelled' })
})

test('on the Worker, a run whose isolate went away reads as interrupted once past its time limit, and cancel says it cannot reach it', async () => {
  // As an isolate that was evicted mid-run leaves it: `running`, started long ago.
  const startedAt = Date.now() - 60 * 60_000
  await d1Execute(
    worker.persistDir,
    `INSERT INTO execution (id, actor_id, actor_name, actor_email, source, code, status, logs, limits, started_at)
     VALUES ('exe_lost', 'dev', 'Dev Admin', 'dev@localhost', 'api', 'return 1', 'running', '[]', '{"timeoutMs":30000}', ${startedAt})`,
  )
  const read = await fetch(`${worker.url}/api/executions/exe_lost`)
  expect(await read.json()).toMatchObject({ status: 'interrupted', error: { kind: 'interrupted' } })
  const cancel = await fetch(`${worker.url}/api/executions/exe_lost/cancel`, { method: 'POST' })
  expect(cancel.status).toBe(409)
})
