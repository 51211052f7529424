// Warms the request thread's side of an MCP `execute` call at boot, so the first calls on a
// fresh server are not the ones that pay for it. The runtime runs new code in slow tiers until
// it has run a while: the SDK transport's parsing and framing, zod validation, drizzle's query
// building and the history batch made the first few dozen calls about twice as slow as later ones.
//
// Nothing of it is visible to anyone: the calls go straight to a handler the caller builds
// (never the listener), as a principal that exists nowhere, against a throwaway in-memory
// database, with a session store and a logger of their own that are dropped afterwards. The
// sandbox is not used either (the pool warms its own path): the runner here logs a line and
// makes one tool call, then answers at once.
import type { Database } from '~/db/database'
import type { Principal } from '../auth/principal'
import { defaultCatalog } from '../catalog/default-catalog'
import { createToolCatalog } from '../catalog/tool-catalog'
import type { BodyLimits } from '../http/bounded-body'
import { handleRequest, type RequestSettings } from '../http/handle-request'
import { handleMcp, type McpDeps } from '../mcp/handle-mcp'
import { createMemorySessionStore } from '../mcp/session-store'
import { createLogger } from '../observability/logger'
import { LOG_LEVELS, type SandboxOutcome } from '../sandbox/outcome'
import type { SandboxRunner } from '../sandbox/runner'

/** Enough calls for the request thread's code to leave the runtime's slowest tiers (measured). */
export const MCP_WARM_UP_CALLS = 20

export const WARM_UP_PRINCIPAL: Principal = {
  userId: 'usr_warm_up',
  name: 'warm-up',
  email: 'warm-up@executor.invalid',
  role: 'member',
  via: 'dev',
}

const WARM_UP_CODE = 'console.log("warm"); return await tools.executor.echo({ n: 1 })'

/** A runner that does what a small program does from the request thread's side, without a sandbox. */
export function echoRunner(): SandboxRunner {
  return {
    async run(request): Promise<SandboxOutcome> {
      const entry = { level: LOG_LEVELS[0], message: 'warm', at: 0 }
      request.onLog?.(entry)
      request.onToolCall?.({ path: 'executor.echo', seq: 0 })
      const args = { n: 1 }
      const result = await request.dispatch(['executor', 'echo'], args, { signal: new AbortController().signal, seq: 0 })
      return {
        status: 'completed',
        result,
        resultTruncated: false,
        logs: [entry],
        logsTruncated: false,
        toolCalls: [{ path: 'executor.echo', args, startedAtMs: 0, durationMs: 0, ok: true }],
        durationMs: 0,
      }
    },
    warmUp: async () => undefined,
    close: async () => undefined,
  }
}

/**
 * Opens an MCP session through `handle` (a /mcp handler whose authentication answers
 * WARM_UP_PRINCIPAL), makes `calls` execute calls, and closes the session again.
 */
export async function warmUpMcp(handle: (request: Request) => Promise<Response>, origin: string, calls = MCP_WARM_UP_CALLS) {
  const url = `${origin}/mcp`
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: 'Bearer warm-up',
  }
  const send = async (method: string, body?: unknown) => {
    const response = await handle(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }))
    const text = await response.text()
    if (!response.ok) throw new Error(`warm-up ${method} /mcp answered ${response.status}: ${text.slice(0, 200)}`)
    return { response, text }
  }
  const { response } = await send('POST', {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'executor-warm-up', version: '1' } },
  })
  const sessionId = response.headers.get('mcp-session-id')
  if (!sessionId) throw new Error('warm-up: initialize gave no session id')
  headers['mcp-session-id'] = sessionId
  headers['mcp-protocol-version'] = '2025-06-18'
  await send('POST', { jsonrpc: '2.0', method: 'notifications/initialized' })
  try {
    for (let id = 1; id <= calls; id++) {
      const { text } = await send('POST', { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'execute', arguments: { code: WARM_UP_CODE } } })
      if (!text.includes('"completed"')) throw new Error(`warm-up execute failed: ${text.slice(0, 200)}`)
    }
  } finally {
    await send('DELETE')
  }
}

export type RequestThreadWarmUp = {
  /** a throwaway database with the schema (db/libsql.ts openScratchLibsql), never the real one */
  scratchDb: Database
  publicOrigin: string
  trustedOrigins: readonly string[]
  loopbackBind: boolean
  bodyLimits: BodyLimits
  now: () => number
}

/** The whole /mcp pipeline as a request takes it, wired to throwaway parts, warmed. */
export async function warmUpRequestThread(options: RequestThreadWarmUp, calls = MCP_WARM_UP_CALLS): Promise<void> {
  const silent = createLogger({ write: () => {} })
  const sessions = createMemorySessionStore({ now: options.now })
  const deps: McpDeps = {
    db: options.scratchDb,
    catalog: createToolCatalog({ db: options.scratchDb, builtins: defaultCatalog(), log: silent }),
    log: silent,
    runner: echoRunner(),
    now: options.now,
    sessions,
    publicOrigin: options.publicOrigin,
    authenticate: async () => WARM_UP_PRINCIPAL,
  }
  const settings: RequestSettings = {
    log: silent,
    publicOrigin: options.publicOrigin,
    trustedOrigins: options.trustedOrigins,
    loopbackBind: options.loopbackBind,
    originVariable: 'EXECUTOR_WEB_BASE_URL',
    bodyLimits: options.bodyLimits,
  }
  try {
    await warmUpMcp((request) => handleRequest(request, settings, (req, { timing }) => handleMcp(req, deps, timing)), options.publicOrigin, calls)
  } finally {
    await sessions.close()
  }
}
