// A session its store kept but no longer holds live (the Worker's Durable Object after a restart)
// is rebuilt only for its owner: another principal gets 403 before any server is built for it.
import { expect, test } from 'vitest'
import type { Principal } from '../auth/principal'
import { handleMcp, type McpDeps } from './handle-mcp'
import { createMemorySessionStore, type McpSessionStore } from './session-store'

const bob: Principal = { userId: 'bob', name: 'Bob', email: 'bob@example.com', role: 'member', via: 'access' }

function depsWithStoredSession(stored: Awaited<ReturnType<NonNullable<McpSessionStore['stored']>>>): McpDeps {
  const live = createMemorySessionStore({ now: () => 0 })
  return {
    sessions: { ...live, stored: async () => stored },
    authenticate: async () => bob,
    publicOrigin: 'http://127.0.0.1',
    now: () => 0,
    // The owner check comes before any use of the database, the catalog or the sandbox.
    db: undefined as never,
    catalog: undefined as never,
    log: undefined as never,
    runner: undefined as never,
  }
}

function toolsList(path: string) {
  return new Request(`http://127.0.0.1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'stored-session-id' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  })
}

test("another principal's stored session is 403, not rebuilt", async () => {
  const response = await handleMcp(toolsList('/mcp'), depsWithStoredSession({ ownerId: 'alice', toolkitId: undefined, initialize: {} }))
  expect(response.status).toBe(403)
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/belongs to another principal/)
})
