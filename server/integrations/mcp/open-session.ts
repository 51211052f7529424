// One session with a remote MCP server: connect and initialize over the streamable HTTP transport,
// or over the older HTTP+SSE one when the server only speaks that (it answers the initialize POST
// with a 4xx such as 404 or 405). Every request goes through the network guard with the
// connection's credential applied; a 401 challenge is kept so the caller can say a credential is
// needed and how the server asks for it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js'
import { SSEClientTransport, SseError } from '@modelcontextprotocol/sdk/client/sse.js'
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { NetworkGuardError } from '../../net/guard-error'
import { applyCredential, credentialSecrets, type Credential } from '../openapi/credentials'
import { createRedactor } from '../openapi/read-response'
import type { McpTransportKind } from './convert-tools'

export type McpSession = {
  client: Client
  transport: McpTransportKind
  /** the protocol version the server agreed to (`2025-06-18`…) */
  protocolVersion?: string
  serverInfo?: { name: string; version: string; title?: string }
  instructions?: string
  /** the secrets of the credential, for redaction */
  secrets: string[]
  /** the server's latest 401 or 403 on this session, with its WWW-Authenticate header (unredacted) */
  readonly refusal?: HttpRefusal
  /** true once the session or its transport closed; a closed session is not reused */
  readonly closed: boolean
  close(): Promise<void>
}

export type OpenSessionOptions = {
  url: string
  fetch: GuardedFetch
  credential?: Credential
  signal?: AbortSignal
  /** the transport that worked before: tried first */
  prefer?: McpTransportKind
  /** the server said its tool list changed */
  onToolsChanged?: () => void
}

/** What a 401 said about how to authenticate. */
export type AuthChallenge = { resourceMetadata?: string; scope?: string }

/** An HTTP-level refusal of the credential (401, or 403 such as `insufficient_scope`). */
export type HttpRefusal = { status: number; wwwAuthenticate: string }

/** Why no session could be opened; `challenge` is set when the server asked for a credential. */
export class McpConnectError extends Error {
  readonly status?: number
  readonly challenge?: AuthChallenge
  /** the refusal's WWW-Authenticate header (unredacted: whoever passes it on redacts it) */
  readonly wwwAuthenticate?: string
  constructor(message: string, details: { status?: number; challenge?: AuthChallenge; wwwAuthenticate?: string } = {}) {
    super(message)
    this.name = 'McpConnectError'
    this.status = details.status
    this.challenge = details.challenge
    this.wwwAuthenticate = details.wwwAuthenticate
  }
}

const CLIENT_INFO = { name: 'executor', version: '1.0.0' }
/** Initialize is a handshake: a server that takes longer is not answering. */
const INITIALIZE_TIMEOUT_MS = 30_000

export async function openSession(options: OpenSessionOptions): Promise<McpSession> {
  const first = options.prefer ?? 'streamable-http'
  const second: McpTransportKind = first === 'sse' ? 'streamable-http' : 'sse'
  try {
    return await openWith(first, options)
  } catch (error) {
    // The usual sign of a server that speaks only the other transport: a 4xx (not an auth one).
    if (!(error instanceof McpConnectError) || error.challenge || !isOtherTransportSign(error.status)) throw error
    try {
      return await openWith(second, options)
    } catch (fallbackError) {
      if (fallbackError instanceof McpConnectError && fallbackError.challenge) throw fallbackError
      throw error
    }
  }
}

function isOtherTransportSign(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403
}

async function openWith(kind: McpTransportKind, options: OpenSessionOptions): Promise<McpSession> {
  const url = new URL(options.url)
  const seen: Seen = {}
  const secrets = secretsOf(options.credential)
  const fetch = credentialFetch(options.fetch, options.credential, seen)
  const transport: Transport =
    kind === 'streamable-http'
      ? new StreamableHTTPClientTransport(url, { fetch, reconnectionOptions: RECONNECTION })
      : new SSEClientTransport(url, { fetch })
  const client = new Client(CLIENT_INFO, { capabilities: {} })
  let closed = false
  client.onclose = () => (closed = true)
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => options.onToolsChanged?.())
  // Transport errors after the session is up (a dropped event stream) are retried by the SDK or
  // surface on the next request; nothing else to do with them here.
  client.onerror = () => undefined
  try {
    await client.connect(transport, { signal: options.signal, timeout: INITIALIZE_TIMEOUT_MS })
  } catch (error) {
    await client.close().catch(() => undefined)
    throw connectError(error, url, seen, secrets)
  }
  return {
    client,
    transport: kind,
    protocolVersion: seen.protocolVersion,
    serverInfo: client.getServerVersion(),
    instructions: client.getInstructions(),
    secrets,
    get refusal() {
      return seen.refusal
    },
    get closed() {
      return closed
    },
    close: async () => {
      closed = true
      if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession().catch(() => undefined)
      await client.close().catch(() => undefined)
    },
  }
}

/** The standalone event stream reconnects a few times, then the session is left to fail and be replaced. */
const RECONNECTION = { initialReconnectionDelay: 1_000, maxReconnectionDelay: 10_000, reconnectionDelayGrowFactor: 2, maxRetries: 3 }

/** What the session's requests saw: the last challenge and refusal, the agreed protocol version. */
type Seen = { challenge?: AuthChallenge; refusal?: HttpRefusal; protocolVersion?: string }

/**
 * The SDK's fetch: through the guard, with the credential on every request. The SDK's errors
 * carry a refusal's status but not its WWW-Authenticate header, so that is kept here.
 */
function credentialFetch(fetch: GuardedFetch, credential: Credential | undefined, seen: Seen): FetchLike {
  return async (input, init) => {
    const url = new URL(input instanceof URL ? input.href : String(input))
    const headers = new Headers(init?.headers)
    const applied = applyCredential({ url, headers }, credential)
    const version = headers.get('mcp-protocol-version')
    if (version) seen.protocolVersion = version
    const response = await fetch(url, { ...init, headers, credentialHeaders: applied.credentialHeaders })
    if (response.status === 401 || response.status === 403) {
      seen.refusal = { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate') ?? '' }
    }
    if (response.status === 401) {
      const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response)
      seen.challenge = {
        ...(resourceMetadataUrl ? { resourceMetadata: resourceMetadataUrl.href } : {}),
        ...(scope ? { scope } : {}),
      }
    }
    return response
  }
}

/** The credential's secret strings (see credentialSecrets). */
export const secretsOf = credentialSecrets

function connectError(error: unknown, url: URL, seen: Seen, secrets: string[]): McpConnectError {
  const host = url.host
  const { challenge } = seen
  const wwwAuthenticate = seen.refusal?.wwwAuthenticate
  if (challenge) return new McpConnectError(`${host} asks for a credential (401)`, { status: 401, challenge, wwwAuthenticate })
  if (error instanceof NetworkGuardError) {
    return new McpConnectError(`Executor's network guard refused ${error.host ?? host}: ${error.message}`)
  }
  const status = error instanceof StreamableHTTPError || error instanceof SseError ? error.code : undefined
  const detail = createRedactor(secrets).text(error instanceof Error ? error.message : String(error)).slice(0, 300)
  if (status === 401 || status === 403) return new McpConnectError(`${host} refused the credential (${status})`, { status, wwwAuthenticate })
  if (status !== undefined && status > 0) return new McpConnectError(`${host} answered ${status} to the MCP handshake: ${detail}`, { status })
  return new McpConnectError(`Could not open an MCP session with ${host}: ${detail}`)
}
