// Closed value sets shared by the schema, zod and the UI (no drizzle import: client-safe).
export const ROLES = ['owner', 'admin', 'member'] as const
export type Role = (typeof ROLES)[number]

/** Roles an invite can grant; ownership is only ever given by an owner. */
export const INVITE_ROLES = ['admin', 'member'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

export const EXECUTION_STATUSES = ['running', 'completed', 'failed'] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]

/** Where an execution was started from. */
export const EXECUTION_SOURCES = ['mcp', 'api', 'console'] as const
export type ExecutionSource = (typeof EXECUTION_SOURCES)[number]
