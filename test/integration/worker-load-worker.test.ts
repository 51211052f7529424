// Load on the Worker target under `wrangler dev` (local D1, dev auth, one Durable Object per MCP
// session, all in one isolate here): 100 MCP sessions at once, each running a program that makes
// three calls to a loopback OpenAPI fixture, wait their turn at the isolate's cap and all finish
// with their own answer; the engine memory each program held stays at the isolate budget's
// figure; a program past its heap fails as `memory` and the isolate runs the next one.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

const SESSIONS = 100
const CALLS_PER_PROGRAM = 3
const MiB = 1024 * 1024

const document = {
  openapi: '3.0.3',
  info: { title: 'Load fixture', version: '1.0.0' },
  paths: {
    '/step': {
      get: {
        operationId: 'step',
        tags: ['steps'],
        parameters: [
          { name: 'session', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'n', in: 'query', required: true, schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'the session and step, echoed', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
}

let worker: WorkerServer
let fixture: http.Server
let fixtureUrl: string
const seen: string[] = []

beforeAll(async () => {
  fixture = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture')
    if (url.pathname !== '/step') return void response.writeHead(404).end('not found')
    const session = url.searchParams.get('session') ?? ''
    const n = Number(url.searchParams.get('n'))
    seen.push(`${session}:${n}`)
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ session, n, square: n * n }))
  })
  await new Promise<void>((resolve) => fixture.listen(0, '127.0.0.1', resolve))
  fixtureUrl = `http://127.0.0.1:${(fixture.address() as AddressInfo).port}`
  // Dev auth makes every session the same person's: let one person hold all 100.
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true', MCP_SESSIONS_PER_PRINCIPAL: '128' } })
  const added = await call(worker.url, '/api/integrations', { body: { kind: 'openapi', slug: 'load', document: JSON.stringify(document), baseUrl: fixtureUrl } })
  expect(added.status, JSON.stringify(added.body)).toBe(201)
  expect(added.body).toMatchObject({ status: 'ready', toolCount: 1 })
}, 120_000)

afterAll(async () => {
  await stopAll()
  await new Promise((resolve) => fixture?.close(resolve))
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

async function execute(code: string, limits?: Record<string, number>) {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code, ...(limits ? { limits } : {}) } })) as Result
  } finally {
    await mcp.close()
  }
}

/** The engine bytes of each finished execution, from the Worker's `execution` log lines. */
function loggedEngineBytes(): Map<string, number> {
  const bytes = new Map<string, number>()
  for (const line of worker.logs().split('\n')) {
    const start = line.indexOf('{"time"')
    if (start < 0) continue
    try {
      const entry = JSON.parse(line.slice(start)) as { msg?: string; executionId?: string; engineBytes?: number }
      if (entry.msg === 'execution' && entry.executionId && entry.engineBytes) bytes.set(entry.executionId, entry.engineBytes)
    } catch {}
  }
  return bytes
}

const program = (session: string) => `
  let total = 0
  for (let n = 1; n <= ${CALLS_PER_PROGRAM}; n++) {
    const answer = await tools.load.steps.step({ session: ${JSON.stringify(session)}, n })
    if (answer.data.session !== ${JSON.stringify(session)}) throw new Error('crossed: ' + answer.data.session)
    total += answer.data.square
  }
  return { session: ${JSON.stringify(session)}, total }`

test(`on the Worker, ${SESSIONS} MCP sessions at once each run a program with tool calls to a loopback integration, none lost or crossed`, async () => {
  const warm = await execute(program('warm-up'))
  expect(warm.structuredContent, JSON.stringify(warm)).toMatchObject({ status: 'completed', result: { session: 'warm-up', total: 14 } })
  seen.length = 0

  const sessionIds = Array.from({ length: SESSIONS }, (_, i) => `s${String(i).padStart(3, '0')}-${Math.random().toString(36).slice(2, 8)}`)
  const clients = await Promise.all(sessionIds.map(() => connectMcp(worker.url, 'unused-with-dev-auth')))
  try {
    expect(new Set(clients.map((mcp) => mcp.transport.sessionId)).size).toBe(SESSIONS)
    const started = Date.now()
    const results = (await Promise.all(
      clients.map((mcp, i) => mcp.client.callTool({ name: 'execute', arguments: { code: program(sessionIds[i] ?? '') } }, undefined, { timeout: 90_000 })),
    )) as Result[]
    const elapsedMs = Date.now() - started
    console.info(`${SESSIONS} concurrent sessions finished in ${elapsedMs} ms`)

    results.forEach((result, i) => {
      expect(result.structuredContent, JSON.stringify(result)).toMatchObject({
        status: 'completed',
        result: { session: sessionIds[i], total: 14 },
        toolCalls: CALLS_PER_PROGRAM,
      })
    })
    expect(seen.length).toBe(SESSIONS * CALLS_PER_PROGRAM)
    expect(new Set(seen)).toEqual(new Set(sessionIds.flatMap((id) => [1, 2, 3].map((n) => `${id}:${n}`))))

    const executionIds = results.map((result) => String(result.structuredContent?.executionId))
    expect(new Set(executionIds).size).toBe(SESSIONS)
    const history = await Promise.all(executionIds.map((id) => call(worker.url, `/api/executions/${id}`)))
    history.forEach((read, i) => {
      expect(read.status, JSON.stringify(read.body)).toBe(200)
      expect(read.body).toMatchObject({ id: executionIds[i], status: 'completed', result: { session: sessionIds[i], total: 14 } })
      expect(read.body.toolCalls).toHaveLength(CALLS_PER_PROGRAM)
    })

    // Every program's engine held exactly the module's initial 16 MiB: at the Worker's heap it
    // never grows, which is what the isolate budget counts on (isolate-budget.ts).
    const engineBytes = loggedEngineBytes()
    const sizes = executionIds.map((id) => engineBytes.get(id))
    expect(sizes.every((size) => size !== undefined)).toBe(true)
    expect(Math.max(...sizes.map(Number))).toBe(16 * MiB)
  } finally {
    await Promise.all(clients.map((mcp) => mcp.close()))
  }
}, 120_000)

test('on the Worker, a program past its heap fails as out of memory and the isolate runs the next one', async () => {
  const hungry = await execute("const kept = []\nfor (let i = 0; ; i++) kept.push('x'.repeat(4096) + i)")
  expect(hungry.isError).toBe(true)
  expect(hungry.structuredContent, JSON.stringify(hungry)).toMatchObject({ status: 'failed', error: { kind: 'memory' } })
  const id = String(hungry.structuredContent?.executionId)
  expect(loggedEngineBytes().get(id)).toBeLessThanOrEqual(16 * MiB)

  const next = await execute(program('after-oom'))
  expect(next.structuredContent, JSON.stringify(next)).toMatchObject({ status: 'completed', result: { session: 'after-oom', total: 14 } })
})

test('on the Worker, the execute tool lists the heap ceiling it applies, and a heap above it is refused by name, not silently lowered', async () => {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  try {
    const { tools } = await mcp.client.listTools()
    const limits = tools.find((tool) => tool.name === 'execute')?.inputSchema.properties?.limits as { properties: Record<string, { maximum: number; description: string }> }
    expect(limits.properties.memoryBytes).toMatchObject({ maximum: 10 * MiB })
    expect(limits.properties.memoryBytes?.description).toContain(`default ${10 * MiB}, from ${2 * MiB} to ${10 * MiB}.`)
    expect(limits.properties.timeoutMs).toMatchObject({ maximum: 5 * 60_000 })
  } finally {
    await mcp.close()
  }
  const refused = await execute('return 1', { memoryBytes: 64 * MiB })
  expect(refused.isError).toBe(true)
  expect(refused.content[0]?.text).toContain(`memoryBytes may be at most ${10 * MiB}`)
})
