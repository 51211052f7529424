// Connections: a credential bound to an integration, shared with the org or personal to one
// member. The secret parts are sealed (server/secrets) before they reach the database and are
// never returned: a view says only that a secret is set and when it last changed.
//
// Visibility: everyone sees and uses the org's connections and their own personal ones, never
// another member's (admins included: a personal credential is its owner's business). Admins
// manage org connections; each member manages their own.
import { and, asc, eq, inArray, or } from 'drizzle-orm'
import type { Database } from '~/db/database'
import type { ConnectionScope, ConnectionStatus } from '~/db/enums'
import { connection, integration } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import type { Credential } from '../integrations/openapi/credentials'
import { connectionSecretContext } from '../secrets/contexts'
import type { SecretBox } from '../secrets/secret-box'
import type { GuardedFetch } from '../net/guarded-fetch'
import type { AuthInput, CreateConnectionInput, UpdateConnectionInput } from './connection.schema'
import { oauthAccessToken } from './oauth/access-token'
import { isOAuthSettings, type OAuthSettings } from './oauth/oauth-settings'

export type ConnectionDeps = { db: Database; secrets: SecretBox; now: () => number }

export type ConnectionRow = typeof connection.$inferSelect

/** The non-secret half of a credential, as stored in `auth_config` and shown in views. */
export type AuthSettings =
  | { type: 'none' }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; prefix?: string }
  | { type: 'bearer' }
  | { type: 'basic'; username: string }

/** What a view shows of how a connection authenticates: OAuth 2's grant, scopes and expiry, never a token. */
export type ConnectionAuth = AuthSettings | OAuthSettings

export type ConnectionView = {
  id: string
  integrationId: string
  name: string
  scope: ConnectionScope
  /** how the caller addresses it: `org.<name>` or `me.<name>` */
  address: string
  auth: ConnectionAuth
  /** `pending`: waiting for its first OAuth authorization; `needs_reauth`: calls fail until it is authorized again */
  status: ConnectionStatus
  /** why it is not `ready` (the scope a call needed, the server's refusal) */
  statusMessage: string | null
  /** a secret is stored (its value is never shown again) */
  secretSet: boolean
  secretUpdatedAt: string | null
  /** made by the import for an API that needs no credential */
  implicit: boolean
  createdAt: string
  updatedAt: string
}

/** The address segment of a connection's owner as the caller sees it. */
export const ownerSegment = (scope: ConnectionScope) => (scope === 'org' ? 'org' : 'me')

export function connectionAddress(row: Pick<ConnectionRow, 'scope' | 'name'>): string {
  return `${ownerSegment(row.scope)}.${row.name}`
}

/** The rows of `integrationIds` that `principal` may see and use. */
export function visibleTo(principal: Principal) {
  return or(eq(connection.ownerId, ''), eq(connection.ownerId, principal.userId))
}

export async function listConnections(deps: Pick<ConnectionDeps, 'db'>, principal: Principal, integrationId: string): Promise<ConnectionView[]> {
  const rows = await deps.db
    .select()
    .from(connection)
    .where(and(eq(connection.integrationId, integrationId), visibleTo(principal)))
    .orderBy(asc(connection.scope), asc(connection.name))
  return rows.map(toView)
}

/** Every connection `principal` may use, for the given integrations, in a stable order (org first). */
export async function usableConnections(db: Database, principal: Principal, integrationIds: string[]): Promise<ConnectionRow[]> {
  if (integrationIds.length === 0) return []
  return db
    .select()
    .from(connection)
    .where(and(inArray(connection.integrationId, integrationIds), visibleTo(principal)))
    .orderBy(asc(connection.integrationId), asc(connection.scope), asc(connection.name))
}

export async function createConnection(
  deps: ConnectionDeps,
  principal: Principal,
  integrationId: string,
  input: CreateConnectionInput,
): Promise<ConnectionView> {
  if (input.auth.type === 'oauth2') throw new AppError('BAD_REQUEST', 'OAuth 2 connections are created with createOAuthConnection')
  const { settings, secret } = splitAuth(input.auth)
  const row = await insertConnection(deps, principal, integrationId, input, settings, secret, 'ready', (id) =>
    deps.secrets.seal(JSON.stringify(secret), connectionSecretContext(id)),
  )
  return toView(row)
}

/** Stores a new connection after the checks every kind of credential shares. */
export async function insertConnection(
  deps: ConnectionDeps,
  principal: Principal,
  integrationId: string,
  input: Pick<CreateConnectionInput, 'name' | 'scope'>,
  settings: ConnectionAuth,
  secret: object | undefined,
  status: ConnectionStatus,
  seal: (id: string) => Promise<string>,
): Promise<ConnectionRow> {
  if (input.scope === 'org') requireAdmin(principal, 'add a connection shared with the org')
  const owner = await requireIntegration(deps.db, integrationId)
  const id = newId('con')
  const now = new Date(deps.now())
  const row: ConnectionRow = {
    id,
    integrationId,
    name: input.name,
    scope: input.scope,
    ownerId: input.scope === 'org' ? '' : principal.userId,
    authType: settings.type,
    authConfig: settings,
    secret: secret === undefined ? null : await seal(id),
    secretUpdatedAt: secret === undefined ? null : now,
    implicit: false,
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
    status,
    statusMessage: status === 'pending' ? 'Waiting for authorization: open the Connect link' : null,
    tokenVersion: 0,
    refreshLeaseUntil: null,
  }
  try {
    await deps.db.insert(connection).values(row)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `A connection named "${input.name}" already exists here (${connectionAddress(row)})`)
    }
    throw error
  }
  await recordAudit(deps.db, actorOf(principal), {
    action: 'connection.added',
    target: { type: 'connection', id, label: `${owner.slug}.${connectionAddress(row)}` },
    details: { integration: owner.slug, address: connectionAddress(row), scope: row.scope, authType: row.authType },
  }, deps.now())
  return row
}

export async function updateConnection(
  deps: ConnectionDeps,
  principal: Principal,
  integrationId: string,
  connectionId: string,
  input: UpdateConnectionInput,
): Promise<ConnectionView> {
  const row = await requireManageableConnection(deps.db, principal, integrationId, connectionId)
  const now = new Date(deps.now())
  const changes: Partial<ConnectionRow> = { updatedAt: now, implicit: false }
  if (input.name !== undefined) changes.name = input.name
  if (input.auth !== undefined) {
    const { settings, secret } = splitAuth(input.auth)
    changes.authType = settings.type
    changes.authConfig = settings
    changes.secret = secret === undefined ? null : await deps.secrets.seal(JSON.stringify(secret), connectionSecretContext(row.id))
    changes.secretUpdatedAt = secret === undefined ? null : now
    // A typed-in credential replaces any OAuth 2 state: usable at once, and any refresh in flight loses its write.
    changes.status = 'ready'
    changes.statusMessage = null
    changes.tokenVersion = row.tokenVersion + 1
    changes.refreshLeaseUntil = null
  }
  try {
    await deps.db.update(connection).set(changes).where(eq(connection.id, row.id))
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A connection named "${input.name}" already exists here`)
    throw error
  }
  const after = { ...row, ...changes }
  const slug = (await requireIntegration(deps.db, integrationId)).slug
  await recordAudit(deps.db, actorOf(principal), {
    action: 'connection.changed',
    target: { type: 'connection', id: row.id, label: `${slug}.${connectionAddress(after)}` },
    details: {
      integration: slug,
      address: connectionAddress(after),
      ...(input.name !== undefined && input.name !== row.name ? { addressFrom: connectionAddress(row) } : {}),
      ...(input.auth !== undefined ? { authType: after.authType, authTypeFrom: row.authType, secretReplaced: true } : {}),
    },
  }, deps.now())
  return toView(after)
}

export async function deleteConnection(deps: Pick<ConnectionDeps, 'db'>, principal: Principal, integrationId: string, connectionId: string): Promise<void> {
  const row = await requireManageableConnection(deps.db, principal, integrationId, connectionId)
  await deps.db.delete(connection).where(eq(connection.id, row.id))
  const slug = (await requireIntegration(deps.db, integrationId)).slug
  await recordAudit(deps.db, actorOf(principal), {
    action: 'connection.removed',
    target: { type: 'connection', id: row.id, label: `${slug}.${connectionAddress(row)}` },
    details: { integration: slug, address: connectionAddress(row), scope: row.scope, authType: row.authType },
  })
}

export type CredentialDeps = ConnectionDeps & { fetch: GuardedFetch }

/**
 * The credential a call presents, in the host at call time: a typed-in one opened from its
 * sealed secret, or for OAuth 2 a fresh access token as a bearer token (refreshed first when it is
 * about to expire; see ./oauth/access-token.ts). `name` names the connection in errors.
 */
export async function credentialForCall(deps: CredentialDeps, row: ConnectionRow, name: string): Promise<Credential> {
  if (isOAuthSettings(row.authConfig)) return { type: 'bearer', token: await oauthAccessToken(deps, row, name) }
  return openCredential(deps.secrets, row)
}

/** A typed-in credential, opened from its sealed secret (OAuth 2 goes through credentialForCall). */
export async function openCredential(secrets: SecretBox, row: ConnectionRow): Promise<Credential> {
  const settings = row.authConfig as ConnectionAuth
  if (settings.type === 'none') return { type: 'none' }
  if (settings.type === 'oauth2') throw new Error('an OAuth 2 credential is opened with credentialForCall')
  const secret = row.secret === null ? {} : (JSON.parse(await secrets.open(row.secret, connectionSecretContext(row.id))) as Record<string, string>)
  switch (settings.type) {
    case 'apiKey':
      return { type: 'apiKey', in: settings.in, name: settings.name, prefix: settings.prefix, key: secret.key ?? '' }
    case 'bearer':
      return { type: 'bearer', token: secret.token ?? '' }
    case 'basic':
      return { type: 'basic', username: settings.username, password: secret.password ?? '' }
  }
}

/**
 * The org connection an API that needs no credential gets at import (auth none, named `main`),
 * unless the integration already has a connection of that address.
 */
export async function ensureImplicitConnection(db: Database, integrationId: string, now: Date): Promise<void> {
  await db
    .insert(connection)
    .values({
      id: newId('con'),
      integrationId,
      name: 'main',
      scope: 'org',
      ownerId: '',
      authType: 'none',
      authConfig: { type: 'none' },
      implicit: true,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
}

/** Stored settings and the secret parts to seal, from the request's `auth`. */
export function splitAuth(auth: AuthInput): { settings: AuthSettings; secret?: Record<string, string> } {
  switch (auth.type) {
    case 'none':
      return { settings: { type: 'none' } }
    case 'apiKey':
      return {
        settings: { type: 'apiKey', in: auth.in, name: auth.name, ...(auth.prefix ? { prefix: auth.prefix } : {}) },
        secret: { key: auth.key },
      }
    case 'bearer':
      return { settings: { type: 'bearer' }, secret: { token: auth.token } }
    case 'basic':
      return { settings: { type: 'basic', username: auth.username }, secret: { password: auth.password } }
  }
}

export function toView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    integrationId: row.integrationId,
    name: row.name,
    scope: row.scope,
    address: connectionAddress(row),
    auth: row.authConfig as ConnectionAuth,
    status: row.status,
    statusMessage: row.statusMessage,
    secretSet: row.secret !== null,
    secretUpdatedAt: row.secretUpdatedAt?.toISOString() ?? null,
    implicit: row.implicit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

function requireAdmin(principal: Principal, what: string) {
  if (!hasRole(principal.role, 'admin')) throw new AppError('FORBIDDEN', `Only an admin can ${what}`)
}

async function requireIntegration(db: Database, integrationId: string) {
  const [row] = await db.select({ id: integration.id, slug: integration.slug }).from(integration).where(eq(integration.id, integrationId)).limit(1)
  if (!row) throw new AppError('NOT_FOUND', 'No such integration')
  return row
}

/** The connection, when `principal` may change it: an admin for org connections, the owner for a personal one. */
export async function requireManageableConnection(db: Database, principal: Principal, integrationId: string, connectionId: string): Promise<ConnectionRow> {
  const [row] = await db
    .select()
    .from(connection)
    .where(and(eq(connection.id, connectionId), eq(connection.integrationId, integrationId), visibleTo(principal)))
    .limit(1)
  if (!row) throw new AppError('NOT_FOUND', 'No such connection')
  if (row.scope === 'org') requireAdmin(principal, 'change a connection shared with the org')
  return row
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/i.test(e.message)) return true
  }
  return false
}

