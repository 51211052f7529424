// Remote MCP integrations on the Worker target under `wrangler dev`: a real MCP server on loopback
// added by URL and called by programs over /mcp, across several requests (the pooled upstream
// session of one request is reused, or replaced, by the next).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startMcpTestServer, startSseOnlyMcpServer, type McpTestServer } from '~/server/integrations/mcp/mcp-test-server'
import { call } from '../harness/accounts'
import { connectMcp } from '../harness/mcp-client'
import { stopAll } from '../harness/process'
import { startWorker, type WorkerServer } from '../harness/worker-server'

let worker: WorkerServer
let upstream: McpTestServer
let sseOnly: McpTestServer

beforeAll(async () => {
  upstream = await startMcpTestServer()
  sseOnly = await startSseOnlyMcpServer()
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' } })
})
afterAll(async () => {
  await stopAll()
  await Promise.all([upstream?.close(), sseOnly?.close()])
})

type Result = { structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }>; isError?: boolean }

async function execute(code: string) {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  try {
    return (await mcp.client.callTool({ name: 'execute', arguments: { code } })) as Result
  } finally {
    await mcp.close()
  }
}

test('on the Worker, MCP servers (streamable HTTP and HTTP+SSE) are added by URL and called across requests', async () => {
  for (const [slug, url] of [['fixture', upstream.url], ['oldsse', sseOnly.url]] as const) {
    const added = await call(worker.url, '/api/integrations', { body: { kind: 'mcp', slug, url } })
    expect(added.body, JSON.stringify(added.body)).toMatchObject({ status: 'ready', toolCount: 15 })
    for (const word of ['one', 'two', 'three']) {
      const result = await execute(`const a = await tools.${slug}.echo({ message: '${word}' }); const b = await tools.${slug}.get_issue({ number: 1 }); return [a.text, JSON.parse(b.text).title]`)
      expect(result.structuredContent, JSON.stringify(result)).toMatchObject({ status: 'completed', result: [`echo: ${word}`, 'Issue 1'] })
    }
  }
})
