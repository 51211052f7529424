// Remote MCP servers as a kind: the server's tools/list becomes the tools, and a call is a
// tools/call on a pooled upstream session of the connection (see ../mcp/). The tool list is read
// again when the server says it changed, when it answers that a tool is unknown, and after
// TOOLS_TTL_MS; a failed re-read keeps the last good list.
import { CallToolResultSchema, ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { AppError } from '../../http/app-error'
import { errorFields } from '../../observability/logger'
import type { Credential } from '../openapi/credentials'
import type { SecurityScheme } from '../openapi/operation'
import { createRedactor, UpstreamError, type Redactor } from '../openapi/read-response'
import { convertTools, type McpOperation } from '../mcp/convert-tools'
import { listAllTools } from '../mcp/list-tools'
import { McpConnectError, openSession, secretsOf, type AuthChallenge, type McpSession } from '../mcp/open-session'
import { createSessionPool } from '../mcp/session-pool'
import { shapeResult, textOf } from '../mcp/tool-result'
import { NeedsCredentialError, type CallContext, type KindAdapter } from './kind'
import { ToolCallError } from './tool-call-error'

/** The scheme a 401 challenge becomes: OAuth, with what the challenge said for the sign-in to use. */
export type McpOAuthScheme = { type: 'oauth2'; description?: string; challenge: AuthChallenge }

const TOOLS_TTL_MS = 10 * 60_000
/** A tool call's own limit; the execution's deadline (through `signal`) usually ends it first. */
const CALL_TIMEOUT_MS = 15 * 60_000
const MESSAGE_LIMIT = 2_000

const pool = createSessionPool({ maxSessions: 200, idleMs: 5 * 60_000 })
/** per integration: the refresh running now, and when the list was last read here */
const refreshes = new Map<string, Promise<void>>()
const listedAt = new Map<string, number>()
/** per pooled session: what its list_changed notification does (set by the latest call) */
const onToolsChanged = new Map<string, () => void>()
/** sessions that served a call before (a network failure on one of those means a stale connection) */
const usedSessions = new WeakSet<McpSession>()

export const mcpKind: KindAdapter = {
  async read(source, context) {
    if (!('url' in source)) throw new AppError('BAD_REQUEST', 'A remote MCP server is added by its URL')
    const url = source.url
    context.onPhase?.('Connecting to the MCP server')
    let session: McpSession
    try {
      session = await openSession({ url, fetch: context.fetch, credential: context.credential, signal: context.signal })
    } catch (error) {
      throw readError(error, context.credential)
    }
    try {
      context.onPhase?.('Listing tools')
      const tools = await listAllTools(session.client, { signal: context.signal })
      const usesCredential = context.credential !== undefined && context.credential.type !== 'none'
      const info = session.serverInfo
      const redactor = createRedactor(session.secrets)
      return {
        title: info?.title ?? info?.name ?? new URL(url).host,
        version: info?.version ?? '',
        ...(session.instructions ? { description: redactor.text(session.instructions).slice(0, MESSAGE_LIMIT) } : {}),
        servers: [url],
        securitySchemes: usesCredential && context.credential ? schemesFor(context.credential) : {},
        tools: convertTools(tools, session.transport),
        warnings: [],
        specVersion: session.protocolVersion,
        needsCredential: usesCredential,
        source: {
          text: redactor.text(JSON.stringify({ serverInfo: info ?? null, protocolVersion: session.protocolVersion, tools }, null, 2)),
          contentType: 'application/json',
          fileSuffix: '.mcp-tools.json',
        },
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      const detail = createRedactor(session.secrets).text(error instanceof Error ? error.message : String(error))
      throw new AppError('BAD_REQUEST', `The MCP server's tool list could not be read: ${detail.slice(0, 300)}`)
    } finally {
      await session.close()
    }
  },

  async refresh(context) {
    const url = context.baseUrl ?? context.defaultBaseUrl
    if (!url || !/^https?:\/\//i.test(url)) return
    await refreshTools(upstreamOf(url, { name: '', transport: 'streamable-http' }, context), context)
  },

  async call(tool, args, context) {
    const operation = tool.operation as McpOperation
    context.annotate({ method: 'tools/call' })
    const url = context.baseUrl ?? context.defaultBaseUrl
    if (!url || !/^https?:\/\//i.test(url)) {
      throw new ToolCallError(`This integration has no MCP endpoint to call: an admin sets its URL on the integration`)
    }
    if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
      throw new ToolCallError(`tools.${tool.path} takes one object of arguments`)
    }
    const upstream = upstreamOf(url, operation, context)
    maybeRefreshByAge(upstream, context)
    const request = { method: 'tools/call' as const, params: { name: operation.name, arguments: (args ?? {}) as Record<string, unknown> } }
    let result: CallToolResult
    for (let attempt = 0; ; attempt++) {
      const session = await upstream.session()
      const reused = usedSessions.has(session)
      usedSessions.add(session)
      try {
        result = (await session.client.request(request, CallToolResultSchema, { signal: context.signal, timeout: CALL_TIMEOUT_MS })) as CallToolResult
        break
      } catch (error) {
        // The server forgot the session (it restarted), or a kept session's connection is gone:
        // once, on a fresh session. A server that forgot the session did not run the call.
        if (attempt === 0 && (sessionLost(error) || (reused && connectionLost(error))) && !context.signal.aborted) {
          await pool.discard(upstream.key, session)
          continue
        }
        if (context.signal.aborted) throw new ToolCallError(`${operation.name} on ${new URL(url).host} was cancelled`)
        if (unknownTool(error)) {
          await refreshTools(upstream, context)
          throw new ToolCallError(`The MCP server no longer offers ${operation.name}; the tool list was read again: search for tools again`)
        }
        const status = refusedStatus(error)
        if (status !== undefined) {
          // The session is bound to the refused credential: the next call opens one with the new credential.
          await pool.discard(upstream.key, session)
          throw refusedError(status, session.refusal?.wwwAuthenticate, upstream, context)
        }
        throw new ToolCallError(`${operation.name} failed: ${upstream.redactor.text(messageOf(error)).slice(0, MESSAGE_LIMIT)}`)
      }
    }
    if (result.isError) {
      const text = upstream.redactor.text(textOf(result.content ?? [])).slice(0, MESSAGE_LIMIT)
      if (/\b(unknown tool|tool\b.*\bnot found)/i.test(text)) await refreshTools(upstream, context)
      throw new ToolCallError(text === '' ? `${operation.name} failed (the server gave no message)` : text)
    }
    return shapeResult(result, upstream.redactor, context.maxResponseBytes)
  },
}

/** One connection's view of the server: its pooled session and what redacts its credential. */
type Upstream = { key: string; redactor: Redactor; session: () => Promise<McpSession> }

function upstreamOf(url: string, operation: McpOperation, context: CallContext): Upstream {
  const key = `${context.integrationId}\u0000${context.connectionId}`
  const secrets = secretsOf(context.credential)
  const upstream: Upstream = {
    key,
    redactor: createRedactor(secrets),
    session: async () => {
      try {
        return await pool.acquire(key, JSON.stringify([url, secrets]), () =>
          openSession({
            url,
            fetch: context.fetch,
            credential: context.credential,
            prefer: operation.transport,
            onToolsChanged: () => onToolsChanged.get(key)?.(),
          }),
        )
      } catch (error) {
        if (error instanceof McpConnectError) {
          if (error.status === 401 || error.status === 403) throw refusedError(error.status, error.wwwAuthenticate, upstream, context)
          throw new ToolCallError(upstream.redactor.text(error.message))
        }
        throw error
      }
    },
  }
  // The latest call's context is what a list_changed arriving later on this session uses.
  onToolsChanged.set(key, () => void refreshTools(upstream, context))
  return upstream
}

function maybeRefreshByAge(upstream: Upstream, context: CallContext) {
  const stored = context.toolsRefreshedAt?.getTime() ?? 0
  const last = Math.max(stored, listedAt.get(context.integrationId) ?? 0)
  if (Date.now() - last > TOOLS_TTL_MS) void refreshTools(upstream, context)
}

/** Reads the tool list again on the connection's session and stores it; one at a time per integration. */
function refreshTools(upstream: Upstream, context: CallContext): Promise<void> {
  const replace = context.replaceTools
  if (!replace) return Promise.resolve()
  const id = context.integrationId
  const running = refreshes.get(id)
  if (running) return running
  // Counts as read from now on, so a failing server is not asked on every call.
  listedAt.set(id, Date.now())
  const work = (async () => {
    const session = await upstream.session()
    const tools = await listAllTools(session.client)
    await replace(convertTools(tools, session.transport))
    context.log?.info('mcp tool list refreshed', { integrationId: id, tools: tools.length })
  })()
    .catch((error: unknown) => context.log?.warn('mcp tool list refresh failed; the last list stays', { integrationId: id, ...errorFields(error) }))
    .finally(() => refreshes.delete(id))
  refreshes.set(id, work)
  return work
}

/**
 * A refusal of the credential carries its status and (redacted) WWW-Authenticate header like an
 * OpenAPI call's, so an OAuth 2 connection reacts the same way: a 401 marks its access token
 * expired, a 403 `insufficient_scope` asks for the scope.
 */
function refusedError(status: number, wwwAuthenticate: string | undefined, upstream: Upstream, context: CallContext): UpstreamError {
  const message = `The MCP server refused the credential of ${context.connectionName} (HTTP ${status})`
  return new UpstreamError(status, upstream.redactor.text(message), upstream.redactor.text(wwwAuthenticate ?? ''))
}

/** The HTTP status of a refused request (the streamable HTTP transport's error code, or the SSE one's message). */
function refusedStatus(error: unknown): 401 | 403 | undefined {
  const status = error instanceof StreamableHTTPError ? error.code : error instanceof Error ? Number(/\(HTTP (\d{3})\)/.exec(error.message)?.[1]) : undefined
  return status === 401 || status === 403 ? status : undefined
}

function sessionLost(error: unknown): boolean {
  if (error instanceof StreamableHTTPError) return error.code === 404
  return error instanceof Error && /\(HTTP 404\)/.test(error.message)
}

/** The request failed at the network level (fetch rejects with a TypeError: a reset or refused connection). */
function connectionLost(error: unknown): boolean {
  return error instanceof TypeError
}

function unknownTool(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.InvalidParams && /\b(unknown tool|tool\b.*\bnot found)/i.test(error.message)
}

function messageOf(error: unknown): string {
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) return 'the MCP server closed the connection'
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return 'the MCP server did not answer in time'
  return error instanceof Error ? error.message : String(error)
}

function readError(error: unknown, credential: Credential | undefined): Error {
  if (!(error instanceof McpConnectError)) return error instanceof Error ? error : new Error(String(error))
  if (!error.challenge) return new AppError('BAD_REQUEST', error.message)
  const challenge = error.challenge
  if (credential !== undefined && credential.type !== 'none') {
    return new NeedsCredentialError(
      `${error.message.replace(/ \(401\)$/, '')}: the connection used to read the tool list was refused; update it, then refresh the integration`,
      challengeSchemes(challenge),
    )
  }
  return new NeedsCredentialError(
    `The MCP server asks for a credential: add a connection on the integration's page (a bearer token, or OAuth when the server offers it), then refresh the integration`,
    challengeSchemes(challenge),
  )
}

/** What the challenge tells the connection form: OAuth (with its resource metadata and scope), or a bearer token. */
function challengeSchemes(challenge: AuthChallenge): Record<string, SecurityScheme> {
  const said = [
    challenge.resourceMetadata ? `resource metadata: ${challenge.resourceMetadata}` : '',
    challenge.scope ? `scope: ${challenge.scope}` : '',
  ].filter(Boolean)
  const oauth: McpOAuthScheme = {
    type: 'oauth2',
    description: `The MCP server asks for an OAuth access token${said.length ? ` (${said.join('; ')})` : ''}`,
    challenge,
  }
  return { oauth2: oauth, bearer: { type: 'http', scheme: 'bearer', description: 'An access token sent as a bearer token' } }
}

function schemesFor(credential: Credential): Record<string, SecurityScheme> {
  switch (credential.type) {
    case 'bearer':
      return { bearer: { type: 'http', scheme: 'bearer' } }
    case 'basic':
      return { basic: { type: 'http', scheme: 'basic' } }
    case 'apiKey':
      return { apiKey: { type: 'apiKey', in: credential.in, name: credential.name } }
    default:
      return {}
  }
}

/** Closes every pooled session (tests). */
export function closeMcpSessions(): Promise<void> {
  return pool.closeAll()
}
