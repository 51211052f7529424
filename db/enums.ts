// Closed value sets shared by the schema, zod and the UI (no drizzle import: client-safe).
export const ROLES = ['owner', 'admin', 'member'] as const
export type Role = (typeof ROLES)[number]

/** Roles an invite can grant; ownership is only ever given by an owner. */
export const INVITE_ROLES = ['admin', 'member'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

/**
 * - `cancelled`: a person stopped it (cancel button or API); its error says who
 * - `interrupted`: the server stopped (crash, kill, redeploy) while it ran, so it has no outcome
 * - `paused`: a tool call waits for a person's approval; no program is running
 * - `expired`: nobody decided a paused call before its approval expired
 * - `replay_diverged`: resuming it by replay made a different call than the recorded run did
 */
export const EXECUTION_STATUSES = [
  'running',
  'completed',
  'failed',
  'cancelled',
  'interrupted',
  'paused',
  'expired',
  'replay_diverged',
] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]

/** Where an execution was started from. */
export const EXECUTION_SOURCES = ['mcp', 'api', 'console'] as const
export type ExecutionSource = (typeof EXECUTION_SOURCES)[number]

/** What an integration's tools are made from. */
export const INTEGRATION_KINDS = ['openapi', 'graphql', 'mcp'] as const
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number]

/**
 * - `importing`: its description is being read; its previous tools (if any) still serve
 * - `failed`: the last import failed; `status_message` says why
 */
export const INTEGRATION_STATUSES = ['importing', 'ready', 'failed'] as const
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number]

/** Who may use a connection: everyone in the org, or only the member it belongs to. */
export const CONNECTION_SCOPES = ['org', 'user'] as const
export type ConnectionScope = (typeof CONNECTION_SCOPES)[number]

/** How a connection authenticates to its API. */
export const AUTH_TYPES = ['none', 'apiKey', 'bearer', 'basic', 'oauth2'] as const
export type AuthType = (typeof AUTH_TYPES)[number]

/**
 * - `pending`: an OAuth 2 connection waiting for its first authorization (the Connect link)
 * - `needs_reauth`: its grant is gone (`invalid_grant`) or a call needs more scope; calls fail until re-authorized
 */
export const CONNECTION_STATUSES = ['ready', 'pending', 'needs_reauth'] as const
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number]

/** What an audit entry records: one administrative change each (the log is append-only). */
export const AUDIT_ACTIONS = [
  'member.role_changed',
  'member.removed',
  'invite.created',
  'invite.revoked',
  'api_key.created',
  'api_key.revoked',
  'integration.added',
  'integration.changed',
  'integration.refreshed',
  'integration.removed',
  'connection.added',
  'connection.changed',
  'connection.removed',
  'connection.authorized',
  'secrets.rotated',
  'policy.added',
  'policy.changed',
  'policy.removed',
  'policy.reordered',
  'approval.settings_changed',
  'approval.decided',
  'execution.auto_approved',
  'toolkit.added',
  'toolkit.changed',
  'toolkit.removed',
  'mcp_client.authorized',
  'mcp_client.revoked',
  'account.password_changed',
  'account.password_reset_issued',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** What kind of thing an audit entry's target is. */
export const AUDIT_TARGET_TYPES = [
  'member',
  'invite',
  'api_key',
  'integration',
  'connection',
  'secrets',
  'policy',
  'settings',
  'execution',
  'toolkit',
  'mcp_client',
  'account',
] as const
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number]

/** What a policy does with the tool calls its pattern matches. */
export const POLICY_ACTIONS = ['allow', 'require_approval', 'block'] as const
export type PolicyAction = (typeof POLICY_ACTIONS)[number]

/**
 * How a toolkit's MCP URL offers its tools: `code` gives search, describe, execute and resume (one
 * program calls many tools); `direct` lists each tool as its own MCP tool, plus resume.
 */
export const TOOLKIT_MODES = ['code', 'direct'] as const
export type ToolkitMode = (typeof TOOLKIT_MODES)[number]
