// Each deploy target builds one Platform at start-up (server/platform/bun.ts, cloudflare.ts)
// and hands it down; domain code never asks which runtime it is on.
import type { Database } from '~/db/database'
import type { BlobStore } from '../blobs/blob-store'
import type { PasswordOps } from '../auth/passwords'
import type { Principal } from '../auth/principal'
import type { McpSessionStore } from '../mcp/session-store'
import type { BodyLimits } from '../http/bounded-body'
import type { Logger } from '../observability/logger'
import type { LimitBounds } from '../sandbox/limits'
import type { SandboxRunner } from '../sandbox/runner'

export type Target = 'bun' | 'cloudflare'

/** How a target knows who is calling: Better Auth in the container, Cloudflare Access on the Worker. */
export interface Identity {
  /** `accounts`: in-app sign-up, invites and API keys exist (container); `access`: an identity proxy in front (Worker) */
  readonly kind: 'accounts' | 'access'
  /** the caller of this request, or null when it proves no identity */
  authenticate(request: Request): Promise<Principal | null>
  /** Better Auth's HTTP handler for /api/auth/*, where in-app login exists */
  readonly handler?: (request: Request) => Promise<Response>
  /** password changes and reset links, where in-app passwords exist */
  readonly passwords?: PasswordOps
  /** the owner claim at /setup needs the one-time setup code from the server log */
  readonly setupCodeRequired?: boolean
  /** present where Executor is the OAuth authorization server for MCP clients (the container) */
  readonly mcpOAuth?: { readonly accessTokenTtlSeconds: number }
}

export interface Platform {
  /** which deploy target built this platform */
  readonly target: Target
  /** the Drizzle database (libSQL file or D1) */
  readonly db: Database
  /** large values such as integration sources: R2 `BLOBS` on the Worker when bound, else the database */
  readonly blobs: BlobStore
  /** structured JSON-lines logger */
  readonly log: Logger
  /** the one origin browsers use; trusted for auth, never taken from Host */
  readonly publicOrigin: string
  /** origins trusted for browser auth: the public origin first, plus loopback spellings when none is configured locally */
  readonly trustedOrigins: readonly string[]
  /** the server listens on a loopback address only, so requests must name a loopback or trusted host (DNS rebinding) */
  readonly loopbackBind: boolean
  /** request body caps the shared pipeline enforces before any handler reads a body */
  readonly bodyLimits: BodyLimits
  /** EXECUTOR_ALLOW_LOCAL_NETWORK / ALLOW_LOCAL_NETWORK */
  readonly allowLocalNetwork: boolean
  /** master key material for secrets at rest */
  readonly secretKey: string
  /** EXECUTOR_SECRET_KEY_PREVIOUS: values still sealed under it open too (see server/secrets/key-ring.ts) */
  readonly previousSecretKey?: string
  /** who is calling */
  readonly identity: Identity
  /** runs agent programs (worker threads in the container, inline on the Worker) */
  readonly sandbox: SandboxRunner
  /** program limits where the target needs its own (the Worker's smaller heap); unset: the standard ones */
  readonly sandboxLimits?: LimitBounds
  /** live MCP sessions (in-process map; on the Worker, the store inside each session's Durable Object) */
  readonly mcpSessions: McpSessionStore
  /**
   * where /mcp requests go when not answered in this process: the Worker sends each to its
   * session's Durable Object, which runs handleMcp (unset: handleMcp runs here)
   */
  readonly dispatchMcp?: (request: Request) => Promise<Response>
  /** DNS for the network guard: resolved once per request, every address checked */
  readonly resolver: Resolver
  /** outbound HTTP connected to the address the guard checked */
  readonly connector: HttpConnector
  /** send `Server-Timing` headers with each request's stages (EXECUTOR_SERVER_TIMING; off on the Worker) */
  readonly serverTiming: boolean
  /** epoch milliseconds */
  now(): number
}

/** One address a host name resolves to. */
export interface ResolvedAddress {
  readonly address: string
  readonly family: 4 | 6
}

/** Name resolution for the network guard: node:dns in the container. */
export interface Resolver {
  /** every address `hostname` resolves to, in the order to try them; rejects when there is none */
  resolve(hostname: string): Promise<ResolvedAddress[]>
}

/** Outbound HTTP for the network guard that connects where the guard said. */
export interface HttpConnector {
  /** fetch `url` over a connection to `address` (already checked) without resolving the host again; Host, SNI and certificate checks still use the URL's host; never follows redirects */
  fetch(url: URL, address: string, init: RequestInit): Promise<Response>
}
