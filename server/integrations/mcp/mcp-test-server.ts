// Test-only (imported by *.test.ts, never by the app): real MCP servers on 127.0.0.1, built with the
// SDK's server. One speaks streamable HTTP (stateful sessions), the other only the older HTTP+SSE
// transport. Both serve the same tools: annotated ones, more than one page of tools/list (the
// list handler pages by `pageSize`), one that fails with isError, one that echoes the credential
// it got (for redaction tests), one that sleeps until cancelled, and one returning an image. Tools
// can be added (with notifications/tools/list_changed) or removed at runtime; every JSON-RPC
// method received is recorded, so tests can see notifications/cancelled arrive. `restart()`
// drops every session, as a restarted server forgets them.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import {
  CallToolRequestSchema,
  ErrorCode,
  isInitializeRequest,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'

export type FixtureTool = Tool & { run: (args: Record<string, unknown>, extra: { signal: AbortSignal; authorization: string }) => Promise<CallToolResult> }

export type McpTestServerOptions = {
  /** when set, every request needs `Authorization: Bearer <token>`; else 401 with a challenge */
  token?: string
  /**
   * Protected by an OAuth authorization server (as the MCP authorization spec has it): every
   * request needs a bearer token `check` accepts, else 401 whose challenge names
   * `resourceMetadata(<this server's URL>)` (with `error="invalid_token"` when a token was sent).
   * A tools/call of a tool named in `toolScopes` needs that scope too, else 403 `insufficient_scope`.
   */
  oauth?: {
    check: (token: string) => { scope: string } | undefined
    resourceMetadata: (serverUrl: string) => string
    toolScopes?: Record<string, string>
  }
  /** tools per tools/list page */
  pageSize?: number
  /** how many extra `filler_<n>` tools to serve (to make several pages) */
  fillers?: number
}

export interface McpTestServer {
  /** the MCP endpoint: `/mcp` (streamable HTTP) or `/sse` (HTTP+SSE) */
  readonly url: string
  /** every JSON-RPC method received, in order */
  readonly received: string[]
  /** the params of every notifications/cancelled received */
  readonly cancelled: Array<{ requestId?: unknown; reason?: unknown }>
  /** calls of the sleep tool that saw their request cancelled */
  readonly sleepsCancelled: number
  /** adds a tool and tells every session its tool list changed */
  addTool(tool: FixtureTool, options?: { notify?: boolean }): void
  removeTool(name: string): void
  toolNames(): string[]
  /** forgets every session: later requests with an old session id get 404 */
  restart(): Promise<void>
  close(): Promise<void>
}

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

export function fixtureTools(state: { sleepsCancelled: number }, fillers: number): FixtureTool[] {
  const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] })
  const tools: FixtureTool[] = [
    {
      name: 'echo',
      title: 'Echo a message',
      description: 'Echoes the message back, as text and as structured content.',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      outputSchema: { type: 'object', properties: { message: { type: 'string' }, length: { type: 'number' } }, required: ['message', 'length'] },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      run: async (args) => ({
        content: [{ type: 'text', text: `echo: ${String(args.message)}` }],
        structuredContent: { message: String(args.message), length: String(args.message).length },
      }),
    },
    {
      name: 'get-issue',
      description: 'Reads one issue by number.',
      inputSchema: { type: 'object', properties: { number: { type: 'integer' } }, required: ['number'] },
      annotations: { readOnlyHint: true },
      run: async (args) => text(JSON.stringify({ number: args.number, title: `Issue ${String(args.number)}`, state: 'open' })),
    },
    {
      name: 'repo.delete',
      description: 'Deletes a repository (pretends to).',
      inputSchema: { type: 'object', properties: { name: { type: 'string' } } },
      annotations: { destructiveHint: true, readOnlyHint: false },
      run: async (args) => text(`deleted ${String(args.name)}`),
    },
    {
      name: 'fail',
      description: 'Always fails, with isError.',
      inputSchema: { type: 'object', properties: {} },
      run: async () => ({ isError: true, content: [{ type: 'text', text: 'the widget is broken' }] }),
    },
    {
      name: 'whoami',
      description: 'Echoes the Authorization header it received.',
      inputSchema: { type: 'object', properties: {} },
      run: async (_args, extra) => text(`you sent ${extra.authorization || 'nothing'}`),
    },
    {
      name: 'sleep',
      description: 'Waits `ms` milliseconds, or until the request is cancelled.',
      inputSchema: { type: 'object', properties: { ms: { type: 'integer' } } },
      run: (args, extra) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(text('slept')), Number(args.ms ?? 60_000))
          extra.signal.addEventListener('abort', () => {
            clearTimeout(timer)
            state.sleepsCancelled++
            resolve(text('cancelled'))
          })
        }),
    },
    {
      name: 'pixel',
      description: 'Returns a one-pixel PNG.',
      inputSchema: { type: 'object', properties: {} },
      run: async () => ({ content: [{ type: 'image', mimeType: 'image/png', data: ONE_PIXEL_PNG }, { type: 'text', text: 'a pixel' }] }),
    },
  ]
  for (let n = 1; n <= fillers; n++) {
    const name = `filler_${String(n).padStart(2, '0')}`
    tools.push({ name, description: `Filler tool ${n}.`, inputSchema: { type: 'object', properties: {} }, run: async () => text(name) })
  }
  return tools
}

/** One SDK server for one session, serving `tools` (read at every request, so changes show). */
function createServer(tools: Map<string, FixtureTool>, pageSize: number, authorizationOf: () => string): Server {
  const server = new Server({ name: 'fixture-mcp', version: '1.2.3', title: 'Fixture MCP' }, { capabilities: { tools: { listChanged: true } }, instructions: 'Tools for tests.' })
  server.setRequestHandler(ListToolsRequestSchema, (request) => {
    const all = [...tools.values()].map(({ run: _run, ...tool }) => tool)
    const start = Number(request.params?.cursor ?? 0)
    const page = all.slice(start, start + pageSize)
    const next = start + pageSize < all.length ? String(start + pageSize) : undefined
    return { tools: page, ...(next ? { nextCursor: next } : {}) }
  })
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = tools.get(request.params.name)
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`)
    return tool.run(request.params.arguments ?? {}, { signal: extra.signal, authorization: authorizationOf() })
  })
  return server
}

type Common = {
  received: string[]
  cancelled: Array<{ requestId?: unknown; reason?: unknown }>
  state: { sleepsCancelled: number }
  tools: Map<string, FixtureTool>
  servers: Set<Server>
}

function common(options: McpTestServerOptions): Common {
  const state = { sleepsCancelled: 0 }
  const tools = new Map(fixtureTools(state, options.fillers ?? 8).map((t) => [t.name, t]))
  return { received: [], cancelled: [], state, tools, servers: new Set() }
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : JSON.parse(text)
}

function record(c: Common, body: unknown) {
  for (const message of Array.isArray(body) ? body : [body]) {
    const method = (message as { method?: unknown } | undefined)?.method
    if (typeof method !== 'string') continue
    c.received.push(method)
    if (method === 'notifications/cancelled') c.cancelled.push((message as { params?: { requestId?: unknown; reason?: unknown } }).params ?? {})
  }
}

/** 401 with a bearer challenge unless the request carries the token. */
function refused(options: McpTestServerOptions, request: http.IncomingMessage, response: http.ServerResponse, origin: () => string, path: string): boolean {
  if (options.oauth) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    if (token !== undefined && options.oauth.check(token)) return false
    const metadata = options.oauth.resourceMetadata(`${origin()}${path}`)
    response
      .writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer resource_metadata="${metadata}"${token !== undefined ? ', error="invalid_token"' : ''}`,
      })
      .end(JSON.stringify({ error: 'unauthorized' }))
    return true
  }
  if (options.token === undefined || request.headers.authorization === `Bearer ${options.token}`) return false
  response
    .writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': `Bearer resource_metadata="${origin()}/.well-known/oauth-protected-resource", scope="tools:read tools:call"`,
    })
    .end(JSON.stringify({ error: 'unauthorized' }))
  return true
}

/** 403 `insufficient_scope` when a tools/call needs a scope (`oauth.toolScopes`) its token was not granted. */
function lacksScope(options: McpTestServerOptions, request: http.IncomingMessage, response: http.ServerResponse, body: unknown, serverUrl: string): boolean {
  const message = body as { method?: unknown; params?: { name?: unknown } } | undefined
  const needed = message?.method === 'tools/call' ? options.oauth?.toolScopes?.[String(message.params?.name)] : undefined
  if (!options.oauth || needed === undefined) return false
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
  if ((options.oauth.check(token)?.scope ?? '').split(' ').includes(needed)) return false
  const metadata = options.oauth.resourceMetadata(serverUrl)
  response
    .writeHead(403, {
      'content-type': 'application/json',
      'www-authenticate': `Bearer error="insufficient_scope", scope="${needed}", resource_metadata="${metadata}"`,
    })
    .end(JSON.stringify({ error: 'insufficient_scope' }))
  return true
}

function surface(c: Common, httpServer: http.Server, sockets: Set<Socket>, path: string, forget: () => Promise<void>): McpTestServer {
  const port = () => (httpServer.address() as AddressInfo).port
  return {
    get url() {
      return `http://127.0.0.1:${port()}${path}`
    },
    received: c.received,
    cancelled: c.cancelled,
    get sleepsCancelled() {
      return c.state.sleepsCancelled
    },
    addTool(tool, { notify = true } = {}) {
      c.tools.set(tool.name, tool)
      if (notify) for (const server of c.servers) void server.sendToolListChanged().catch(() => undefined)
    },
    removeTool(name) {
      c.tools.delete(name)
    },
    toolNames: () => [...c.tools.keys()],
    async restart() {
      const listening = port()
      await forget()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await new Promise<void>((resolve) => httpServer.listen(listening, '127.0.0.1', resolve))
    },
    async close() {
      await forget()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}

function trackSockets(httpServer: http.Server): Set<Socket> {
  const sockets = new Set<Socket>()
  httpServer.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return sockets
}

/** A streamable HTTP MCP server at `/mcp`, with stateful sessions. */
export async function startMcpTestServer(options: McpTestServerOptions = {}): Promise<McpTestServer> {
  const c = common(options)
  const sessions = new Map<string, StreamableHTTPServerTransport>()
  let authorization = ''
  const httpServer = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (url.pathname !== '/mcp') return void response.writeHead(404).end('not found')
      if (refused(options, request, response, () => `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, '/mcp')) return
      authorization = request.headers.authorization ?? ''
      const body = request.method === 'POST' ? await readJson(request) : undefined
      record(c, body)
      if (lacksScope(options, request, response, body, `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`)) return
      const sessionId = request.headers['mcp-session-id']
      let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined
      if (!transport) {
        if (typeof sessionId === 'string' || !isInitializeRequest(body)) {
          return void response
            .writeHead(sessionId ? 404 : 400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }))
        }
        const server = createServer(c.tools, options.pageSize ?? 5, () => authorization)
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void sessions.set(id, created),
        })
        created.onclose = () => {
          if (created.sessionId) sessions.delete(created.sessionId)
          c.servers.delete(server)
        }
        c.servers.add(server)
        await server.connect(created)
        transport = created
      }
      await transport.handleRequest(request, response, body)
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error))
    })
  })
  const sockets = trackSockets(httpServer)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const forget = async () => {
    const servers = [...c.servers]
    sessions.clear()
    c.servers.clear()
    await Promise.all(servers.map((server) => server.close().catch(() => undefined)))
  }
  return surface(c, httpServer, sockets, '/mcp', forget)
}

/** An MCP server that speaks only the older HTTP+SSE transport: GET `/sse`, POST `/messages`. */
export async function startSseOnlyMcpServer(options: McpTestServerOptions = {}): Promise<McpTestServer> {
  const c = common(options)
  const sessions = new Map<string, SSEServerTransport>()
  let authorization = ''
  const httpServer = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (refused(options, request, response, () => `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, '/sse')) return
      authorization = request.headers.authorization ?? ''
      if (url.pathname === '/sse' && request.method === 'GET') {
        const transport = new SSEServerTransport('/messages', response)
        const server = createServer(c.tools, options.pageSize ?? 5, () => authorization)
        sessions.set(transport.sessionId, transport)
        c.servers.add(server)
        transport.onclose = () => {
          sessions.delete(transport.sessionId)
          c.servers.delete(server)
        }
        await server.connect(transport)
        return
      }
      if (url.pathname === '/messages' && request.method === 'POST') {
        const transport = sessions.get(url.searchParams.get('sessionId') ?? '')
        if (!transport) return void response.writeHead(404).end('Session not found')
        const body = await readJson(request)
        record(c, body)
        await transport.handlePostMessage(request, response, body)
        return
      }
      // What a server without the streamable HTTP transport answers its POST.
      response.writeHead(url.pathname === '/sse' ? 405 : 404, { allow: 'GET' }).end('Method Not Allowed')
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error))
    })
  })
  const sockets = trackSockets(httpServer)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const forget = async () => {
    const servers = [...c.servers]
    sessions.clear()
    c.servers.clear()
    await Promise.all(servers.map((server) => server.close().catch(() => undefined)))
  }
  return surface(c, httpServer, sockets, '/sse', forget)
}
