// The one Drizzle schema for both targets: libSQL in the container, D1 on the Worker.
// Timestamps are integer epoch milliseconds so both drivers read them identically.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  AUTH_TYPES,
  CONNECTION_SCOPES,
  CONNECTION_STATUSES,
  EXECUTION_SOURCES,
  EXECUTION_STATUSES,
  INTEGRATION_KINDS,
  INTEGRATION_STATUSES,
  POLICY_ACTIONS,
  ROLES,
  TOOLKIT_MODES,
} from './enums'

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' })

/** The single organization (both targets are single-tenant). */
export const organization = sqliteTable('organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  metadata: text('metadata'),
  /** Email of the person whose first sign-up is claiming ownership (only one claim wins). */
  ownerClaimedBy: text('owner_claimed_by'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** Operator settings changed at run time (not env config): one JSON value per key. */
export const setting = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** Ledger of one-shot data migrations run after the schema migrations; each name runs once. */
export const dataMigration = sqliteTable('data_migration', {
  name: text('name').primaryKey(),
  appliedAt: timestamp('applied_at').notNull(),
})

// Better Auth's core tables (container target), keyed by the model names its Drizzle adapter
// looks up: user, session, account, verification.

export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_id_idx').on(t.userId)],
)

export const account = sqliteTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at'),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('account_user_id_idx').on(t.userId)],
)

export const verification = sqliteTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** A person's role in the single organization; no row, no access. */
export const member = sqliteTable(
  'member',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('member_role_idx').on(t.role)],
)

/** Single-use invite links; only a hash of the code is stored (it is shown once, in full). */
export const invite = sqliteTable('invite', {
  id: text('id').primaryKey(),
  codeHash: text('code_hash').notNull().unique(),
  role: text('role', { enum: ROLES }).notNull(),
  label: text('label'),
  createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at'),
  revokedAt: timestamp('revoked_at'),
  /** Set atomically when a sign-up takes the invite; cleared again if that sign-up fails. */
  usedAt: timestamp('used_at'),
  usedByEmail: text('used_by_email'),
  usedBy: text('used_by').references(() => user.id, { onDelete: 'set null' }),
})

/** Personal API keys; the key itself is shown once and only its SHA-256 is kept. */
export const apiKey = sqliteTable(
  'api_key',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at'),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [index('api_key_user_id_idx').on(t.userId)],
)

/** One run of agent code in the sandbox, kept as history. Logs and limits are JSON. */
export const execution = sqliteTable(
  'execution',
  {
    id: text('id').primaryKey(),
    /** the principal's id: a user id in the container, the Access subject on the Worker (no FK) */
    actorId: text('actor_id').notNull(),
    /** kept as they were, so history still reads right after the account is gone */
    actorName: text('actor_name').notNull(),
    actorEmail: text('actor_email').notNull(),
    source: text('source', { enum: EXECUTION_SOURCES }).notNull(),
    code: text('code').notNull(),
    status: text('status', { enum: EXECUTION_STATUSES }).notNull(),
    result: text('result', { mode: 'json' }),
    error: text('error', { mode: 'json' }),
    logs: text('logs', { mode: 'json' }).notNull(),
    limits: text('limits', { mode: 'json' }).notNull(),
    toolCallCount: integer('tool_call_count').notNull().default(0),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
    durationMs: integer('duration_ms'),
    /** seeds the program's Math.random, so a replay draws the same numbers */
    seed: integer('seed').notNull().default(0),
    /** while `paused`: the call waiting for approval (path, arguments, the policy that asked) */
    pending: text('pending', { mode: 'json' }),
    /** while `paused`: when the approval expires and the execution ends `expired` */
    expiresAt: timestamp('expires_at'),
    /** when it last went on after an approval decision (a running row is stale counted from here) */
    resumedAt: timestamp('resumed_at'),
    /** an admin ran it with every approval granted up front */
    autoApprove: integer('auto_approve', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('execution_started_at_idx').on(t.startedAt),
    index('execution_actor_id_idx').on(t.actorId),
    index('execution_status_idx').on(t.status),
  ],
)

/** The tool calls an execution made, in order, with timing. */
export const toolCall = sqliteTable(
  'tool_call',
  {
    executionId: text('execution_id')
      .notNull()
      .references(() => execution.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    path: text('path').notNull(),
    args: text('args', { mode: 'json' }),
    startedAtMs: integer('started_at_ms').notNull(),
    durationMs: integer('duration_ms').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    /** for a call of an integration's tool: its slug, the connection (`org.main`), HTTP method and status */
    integration: text('integration'),
    connection: text('connection'),
    method: text('method'),
    httpStatus: integer('http_status'),
    /** the error's name when it is one a program can catch by name (ToolBlocked, ToolDenied) */
    errorName: text('error_name'),
    /** SHA-256 of the full arguments JSON: a replay checks each call against it */
    argsHash: text('args_hash'),
    /** the order the program received results in, and the clock it read at each (epoch ms) */
    settleIndex: integer('settle_index'),
    settledAt: integer('settled_at'),
    /** which policy rule (or the tool's default) decided the call, and what it decided */
    policy: text('policy', { mode: 'json' }),
    /** for a call that needed approval: who decided, how and when */
    approval: text('approval', { mode: 'json' }),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.seq] })],
)

/**
 * The results a paused execution's calls returned, kept so a replay can hand them back in order.
 * A result's JSON text is split into parts (D1 caps a value at 2 MB); all of it is deleted when
 * the execution ends.
 */
export const toolResult = sqliteTable(
  'tool_result',
  {
    executionId: text('execution_id')
      .notNull()
      .references(() => execution.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    part: integer('part').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.seq, t.part] })],
)

/** The admin-ordered policy list: the first pattern matching a tool path decides its calls. */
export const policy = sqliteTable(
  'policy',
  {
    id: text('id').primaryKey(),
    pattern: text('pattern').notNull(),
    action: text('action', { enum: POLICY_ACTIONS }).notNull(),
    note: text('note'),
    /** 0-based place in the list; kept dense by every write */
    position: integer('position').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('policy_position_idx').on(t.position)],
)

/** An API whose operations became tools (an OpenAPI description, later GraphQL and MCP servers). */
export const integration = sqliteTable('integration', {
  id: text('id').primaryKey(),
  /** the first segment of its tools' paths (`<slug>.<group>.<operation>`), so it holds no dot */
  slug: text('slug').notNull().unique(),
  kind: text('kind', { enum: INTEGRATION_KINDS }).notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: INTEGRATION_STATUSES }).notNull(),
  statusMessage: text('status_message'),
  /** kept equal to its number of `tool` rows by the write that replaces them */
  toolCount: integer('tool_count').notNull().default(0),
  sourceUrl: text('source_url'),
  baseUrl: text('base_url'),
  /** what the last import learned besides tools: title, version, servers, security schemes, warnings */
  details: text('details', { mode: 'json' }),
  createdBy: text('created_by'),
  /** while importing: operations converted so far, of how many (status_message names the phase) */
  progressDone: integer('progress_done'),
  progressTotal: integer('progress_total'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  /** when its tool set was last replaced */
  refreshedAt: timestamp('refreshed_at'),
})

/**
 * One tool of an integration. Its words are also in the FTS5 table `tool_search` (declared by
 * hand in migration 0003: drizzle cannot express virtual tables), which server/catalog/tool-store.ts
 * writes in the same batch as these rows.
 */
export const tool = sqliteTable(
  'tool',
  {
    integrationId: text('integration_id')
      .notNull()
      .references(() => integration.id, { onDelete: 'cascade' }),
    /** the dotted path inside the integration, e.g. `issues.create` */
    path: text('path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    inputSchema: text('input_schema', { mode: 'json' }).notNull(),
    outputSchema: text('output_schema', { mode: 'json' }).notNull(),
    annotations: text('annotations', { mode: 'json' }).notNull(),
    /** what calling it needs, e.g. an OpenAPI operation (method, path template, parameters) */
    operation: text('operation', { mode: 'json' }).notNull(),
    /** its TypeScript declaration for agents, generated after import */
    declaration: text('declaration'),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.path] })],
)

/**
 * A credential bound to an integration, shared with the org (`owner_id` '') or personal to one
 * member (`owner_id` their id; on the Worker an Access subject, hence no foreign key). Tools are
 * called through one: `tools.<integration>.<org|me>.<name>.<tool>`.
 */
export const connection = sqliteTable(
  'connection',
  {
    id: text('id').primaryKey(),
    integrationId: text('integration_id')
      .notNull()
      .references(() => integration.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope', { enum: CONNECTION_SCOPES }).notNull(),
    ownerId: text('owner_id').notNull().default(''),
    authType: text('auth_type', { enum: AUTH_TYPES }).notNull(),
    /** the credential's non-secret settings (where an API key goes, its prefix, a user name) */
    authConfig: text('auth_config', { mode: 'json' }).notNull(),
    /** the secret parts, sealed by server/secrets (never stored or shown in plaintext) */
    secret: text('secret'),
    secretUpdatedAt: timestamp('secret_updated_at'),
    /** created by import for an API that needs no credential */
    implicit: integer('implicit', { mode: 'boolean' }).notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    /** whether calls can use it (OAuth 2 connections wait for authorization, or need it again) */
    status: text('status', { enum: CONNECTION_STATUSES }).notNull().default('ready'),
    /** why it is not `ready`, for the operator */
    statusMessage: text('status_message'),
    /** bumped by every token write: a refresh writes only over the version it read (compare-and-set) */
    tokenVersion: integer('token_version').notNull().default(0),
    /** while one process refreshes its tokens: others wait for the new version instead of refreshing too */
    refreshLeaseUntil: timestamp('refresh_lease_until'),
  },
  (t) => [uniqueIndex('connection_owner_name_unique').on(t.integrationId, t.ownerId, t.name)],
)

/**
 * An OAuth 2 authorization in flight: the `state` sent to the authorization server (only its
 * SHA-256 is kept), the PKCE verifier sealed, and who started it. Consumed once by the callback;
 * useless after `expires_at`.
 */
export const oauthState = sqliteTable(
  'oauth_state',
  {
    stateHash: text('state_hash').primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connection.id, { onDelete: 'cascade' }),
    /** the principal who started it: only they can finish it */
    userId: text('user_id').notNull(),
    /** `{ codeVerifier }`, sealed under the state's context */
    sealed: text('sealed').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('oauth_state_expires_at_idx').on(t.expiresAt)],
)

/**
 * An import's new tool set on its way in: written a few chunks at a time (so a 10,000-tool
 * import never holds all its rows as statements at once), then moved into `tool` and
 * `tool_search` by one batch, which is what makes the replacement atomic. Rows of an import that
 * died are cleared by the next import of the same integration. No foreign key: it is scratch space.
 */
export const toolStaging = sqliteTable(
  'tool_staging',
  {
    integrationId: text('integration_id').notNull(),
    path: text('path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    inputSchema: text('input_schema').notNull(),
    outputSchema: text('output_schema').notNull(),
    annotations: text('annotations').notNull(),
    operation: text('operation').notNull(),
    /** the search row's words, computed when staged (search-words.ts) */
    pathWords: text('path_words').notNull(),
    parameterNames: text('parameter_names').notNull(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.path] })],
)

/**
 * Append-only record of administrative changes (roles, invites, keys, integrations, connections,
 * key rotation). The actor is copied, not referenced, so an entry still reads right after the
 * account is gone. `details` never holds a secret: no keys, tokens or passwords.
 */
export const auditEntry = sqliteTable(
  'audit_entry',
  {
    id: text('id').primaryKey(),
    at: timestamp('at').notNull(),
    /** a user id, an Access subject, or `system` for boot */
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorEmail: text('actor_email').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    targetType: text('target_type', { enum: AUDIT_TARGET_TYPES }).notNull(),
    targetId: text('target_id').notNull(),
    /** a readable name for the target as it was (an email, a key's name, an integration's slug) */
    targetLabel: text('target_label').notNull().default(''),
    details: text('details', { mode: 'json' }).notNull(),
  },
  (t) => [index('audit_entry_at_idx').on(t.at, t.id), index('audit_entry_action_idx').on(t.action)],
)

/**
 * A named subset of the tools, served at its own MCP URL `/mcp/<slug>`: a tool is in it when one
 * of the names a call to it goes by matches one of `patterns` (policy pattern syntax).
 */
export const toolkit = sqliteTable('toolkit', {
  id: text('id').primaryKey(),
  /** the last segment of its MCP URL */
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** JSON array of `*` patterns over tool names */
  patterns: text('patterns', { mode: 'json' }).$type<string[]>().notNull(),
  mode: text('mode', { enum: TOOLKIT_MODES }).notNull().default('code'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/**
 * Which toolkit an execution ran in, for the runs started at a toolkit's MCP URL: a run that goes
 * on after an approval is scoped to the same toolkit (as it is now; a removed one holds nothing).
 */
export const toolkitExecution = sqliteTable('toolkit_execution', {
  executionId: text('execution_id').primaryKey(),
  toolkitId: text('toolkit_id').notNull(),
})

/**
 * An MCP client known to Executor's OAuth authorization server: registered through dynamic
 * client registration (`client_id` is ours), or identified by a client ID metadata document
 * (`client_id` is the https URL of that document; the row caches what it said at consent).
 * All are public clients: PKCE stands in for a client secret.
 */
export const mcpOauthClient = sqliteTable('mcp_oauth_client', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['registered', 'metadata_document'] }).notNull(),
  name: text('name').notNull(),
  /** JSON array of exact redirect URIs */
  redirectUris: text('redirect_uris', { mode: 'json' }).$type<string[]>().notNull(),
  clientUri: text('client_uri'),
  createdAt: timestamp('created_at').notNull(),
})

/**
 * One person's consent to one MCP client: the codes and tokens issued under it stop working as
 * soon as it is revoked or the person is no longer a member.
 */
export const mcpOauthGrant = sqliteTable(
  'mcp_oauth_grant',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => mcpOauthClient.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** the audience its tokens are bound to: `<origin>/mcp` */
    resource: text('resource').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [index('mcp_oauth_grant_user_id_idx').on(t.userId)],
)

/**
 * Authorization codes, access tokens and refresh tokens, stored as SHA-256 digests only. `usedAt`
 * makes a code or refresh token single-use (set atomically when exchanged).
 */
export const mcpOauthToken = sqliteTable(
  'mcp_oauth_token',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind', { enum: ['code', 'access', 'refresh'] }).notNull(),
    grantId: text('grant_id')
      .notNull()
      .references(() => mcpOauthGrant.id, { onDelete: 'cascade' }),
    /** for codes: the redirect URI and PKCE challenge the token request must match */
    redirectUri: text('redirect_uri'),
    codeChallenge: text('code_challenge'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('mcp_oauth_token_grant_id_idx').on(t.grantId)],
)

/**
 * The MCP sessions a principal opened, as the Connect page lists them: which client (from the
 * `initialize` request's clientInfo), when it began, when it was last seen and whether it ended.
 * Kept in the database so the list survives restarts and works on the Worker, where sessions live
 * in isolates. Only the newest 20 per principal are kept; `last_seen_at` is written at most once a
 * minute. No foreign key: on the Worker a principal may be an Access subject without a user row.
 */
export const mcpClientSession = sqliteTable(
  'mcp_client_session',
  {
    /** the Mcp-Session-Id */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    /** set when the client ended it (DELETE) or it was found expired */
    closedAt: timestamp('closed_at'),
  },
  (t) => [index('mcp_client_session_user_idx').on(t.userId, t.createdAt)],
)

/**
 * Large blobs (integration sources) where no object store is bound: the container always, the
 * Worker without R2. `generation` names the chunk set readers see; a write adds a new set, then
 * points here at it and deletes every other set in one batch (server/blobs/database-blob-store.ts).
 */
export const blob = sqliteTable('blob', {
  key: text('key').primaryKey(),
  generation: text('generation').notNull(),
  /** bytes of the blob as stored by the caller (before compression) */
  size: integer('size').notNull(),
  contentType: text('content_type').notNull(),
  /** how chunk data decodes back to bytes: `gzip-base64` (base64 text of the gzipped bytes) */
  encoding: text('encoding').notNull(),
  chunkCount: integer('chunk_count').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** One piece of a blob's encoded data: D1 refuses a string or row over 2 MB, so nothing here exceeds 1 MiB. */
export const blobChunk = sqliteTable(
  'blob_chunk',
  {
    key: text('key').notNull(),
    generation: text('generation').notNull(),
    seq: integer('seq').notNull(),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.generation, t.seq] })],
)
