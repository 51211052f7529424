import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { expect, test } from 'vitest'
import { createMemorySessionStore } from './session-store'

function session(id: string, lastSeen: number) {
  return {
    id,
    ownerId: 'u1',
    transport: new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => id }),
    server: new McpServer({ name: 't', version: '1' }),
    lastSeen,
  }
}

test('keeps sessions by id and evicts only those idle since before the cutoff', async () => {
  const store = createMemorySessionStore()
  store.set(session('old', 100))
  store.set(session('fresh', 900))
  expect(await store.evictIdle(500)).toBe(1)
  expect(store.get('old')).toBeUndefined()
  expect(store.get('fresh')?.ownerId).toBe('u1')
  store.delete('fresh')
  expect(store.get('fresh')).toBeUndefined()
})
