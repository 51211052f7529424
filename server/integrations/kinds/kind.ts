// What each kind of integration (OpenAPI, GraphQL, remote MCP) provides to the one pipeline:
// how its source becomes tools, and how one of its tools is called. Everything around that
// (rows, statuses, progress, connections, secrets, the catalog, the guard, history) is shared,
// so a new kind is a new adapter, not a new pipeline.
import type { ToolInput } from '../../catalog/tool-store'
import { AppError } from '../../http/app-error'
import type { Credential } from '../openapi/credentials'
import type { SecurityScheme } from '../openapi/operation'
import type { GuardedFetch } from '../../net/guarded-fetch'
import type { Logger } from '../../observability/logger'
import type { ToolCallDetails } from '../../sandbox/outcome'

/** Where an integration's tools come from this time: a URL, or a pasted document. */
export type ImportSource = { url: string } | { document: string }

/**
 * The source as read, kept (./source-blob.ts) for download and for refreshing a pasted one: the
 * OpenAPI text as fetched or pasted, the GraphQL introspection answer or pasted schema, the MCP
 * server's tool list. Any credential the source was read with is redacted out of it.
 */
export type SourceDocument = {
  text: string
  contentType: string
  /** appended to the slug for the download's file name, e.g. `.openapi.yaml` */
  fileSuffix: string
}

/** What reading a source yields, whatever the kind. */
export type ImportedIntegration = {
  title: string
  version: string
  description?: string
  /** where calls go by default (OpenAPI servers; the GraphQL or MCP endpoint) */
  servers: string[]
  /** how credentials are presented, as the source says (pre-fills connection forms) */
  securitySchemes: Record<string, SecurityScheme>
  tools: ToolInput[]
  /** problems that did not stop the import */
  warnings: string[]
  /** the format's own version as declared (`3.0.4`, `2.0`; `2025-06-18` for an MCP server) */
  specVersion?: string
  /** false when every tool can be called without a credential (an implicit `none` connection is made) */
  needsCredential: boolean
  /** the source's schema, kept in the integration's details for checking calls locally (a GraphQL schema as SDL) */
  schema?: string
  /** the source document itself */
  source?: SourceDocument
}

export type ImportContext = {
  /** every outbound request goes through the network guard */
  fetch: GuardedFetch
  signal?: AbortSignal
  /** the credential to read the source with (GraphQL introspection, an MCP server's tool list), when one is usable */
  credential?: Credential
  onPhase?: (phase: string) => void
  onProgress?: (done: number, total: number) => void
}

/** A stored tool as a caller gets it back: what the import handed to the tool store. */
export type StoredToolRow = ToolInput

export type CallContext = {
  fetch: GuardedFetch
  /** the base URL or endpoint an admin set on the integration: it wins over anything the source says */
  baseUrl: string | null
  /** the source's own first server (OpenAPI `servers`, the GraphQL or MCP endpoint it was added from) */
  defaultBaseUrl: string | null
  credential: Credential
  /** names the connection in errors, e.g. `petstore org.main` */
  connectionName: string
  /** for per-connection state (an MCP session pool) */
  connectionId: string
  integrationId: string
  /** what the last import stored on the integration (IntegrationDetails; a GraphQL kind's `schema`) */
  integrationDetails: unknown
  signal: AbortSignal
  maxResponseBytes: number
  /** records details on the call's history row */
  annotate: (details: ToolCallDetails) => void
  /** when the integration's tools were last stored (a kind whose tool list can change re-reads it after a while) */
  toolsRefreshedAt?: Date | null
  /** replaces the integration's stored tools (a kind that learns its source's tool list changed); atomic */
  replaceTools?: (tools: ToolInput[]) => Promise<void>
  /** for what goes wrong in the background (a failed tool list refresh) */
  log?: Logger
}

export type KindAdapter = {
  /** reads the source and converts it to tools; throws AppError('BAD_REQUEST', …) with a message for the operator */
  read(source: ImportSource, context: ImportContext): Promise<ImportedIntegration>
  /** calls one tool; a rejection's message reaches the agent, so it must not carry secrets */
  call(tool: StoredToolRow, args: unknown, context: CallContext): Promise<unknown>
  /**
   * For kinds whose tools change upstream (an MCP server): reads the tool list again with the
   * connection and stores it, before a call names a tool the stored list does not have.
   */
  refresh?(context: CallContext): Promise<void>
}

/**
 * The source cannot be read without a credential (an MCP server answering 401 with a
 * WWW-Authenticate challenge, a GraphQL endpoint refusing introspection). The import ends
 * `failed` with this message, but keeps `securitySchemes` so the connection form can pre-fill the
 * method; adding a connection and refreshing reads the source with it.
 */
export class NeedsCredentialError extends AppError {
  readonly securitySchemes: Record<string, SecurityScheme>
  constructor(message: string, securitySchemes: Record<string, SecurityScheme>) {
    super('BAD_REQUEST', message)
    this.name = 'NeedsCredentialError'
    this.securitySchemes = securitySchemes
  }
}
