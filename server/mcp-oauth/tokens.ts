// Codes and tokens of the MCP authorization server. Only SHA-256 digests are stored. A code and
// a refresh token are each good once: exchanging one marks it used in the same statement that
// reads it, so two concurrent exchanges cannot both win, and presenting a used one again revokes
// the whole grant (a replayed code or refresh token means it leaked; OAuth 2.1 §4.3.1, §6.1).
// Every check reads the grant and the membership as they are now, so a revoked grant or a
// removed member stops working on the next request.
import { and, eq, isNull } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { mcpOauthClient, mcpOauthGrant, mcpOauthToken, member, user } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import type { Principal } from '../auth/principal'
import { newId, randomToken, sha256Hex } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { clientRedirect, type AuthorizationRequest } from './authorization-request'
import { rememberClient } from './clients'
import { oauthError } from './oauth-error'

/** Access and refresh tokens start with this, so /mcp tells them from API keys (`exk_`). */
export const ACCESS_TOKEN_PREFIX = 'exo_at_'
const REFRESH_TOKEN_PREFIX = 'exo_rt_'
const CODE_TTL_MS = 2 * 60 * 1000
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000
// Recording every use would turn each authenticated call into a write; a minute is precise
// enough for "last used".
const LAST_USED_RESOLUTION_MS = 60_000

export type TokenDeps = { db: Database; issuer: string; accessTokenTtlSeconds: number; now: () => number }

export type TokenResponse = {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
  scope: string
}

/**
 * The person allowed the request: reuse their live grant to this client or open one, issue a
 * single-use code, and return the client's redirect URI carrying it.
 */
export async function approveAuthorization(deps: TokenDeps, actor: Principal, request: AuthorizationRequest): Promise<string> {
  const { db } = deps
  const now = deps.now()
  await rememberClient(db, request.client, now)
  const live = await db
    .select({ id: mcpOauthGrant.id })
    .from(mcpOauthGrant)
    .where(
      and(
        eq(mcpOauthGrant.clientId, request.client.id),
        eq(mcpOauthGrant.userId, actor.userId),
        eq(mcpOauthGrant.resource, request.resource),
        isNull(mcpOauthGrant.revokedAt),
      ),
    )
    .get()
  let grantId = live?.id
  if (!grantId) {
    grantId = newId('mcpg')
    await db.insert(mcpOauthGrant).values({
      id: grantId,
      clientId: request.client.id,
      userId: actor.userId,
      resource: request.resource,
      createdAt: new Date(now),
    })
    await recordAudit(db, actorOf(actor), {
      action: 'mcp_client.authorized',
      target: { type: 'mcp_client', id: grantId, label: request.client.name },
      details: { clientId: request.client.id, redirectHost: redirectHost(request.redirectUri) },
    }, now)
  }
  const code = randomToken(32)
  await db.insert(mcpOauthToken).values({
    tokenHash: await sha256Hex(code),
    kind: 'code',
    grantId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    createdAt: new Date(now),
    expiresAt: new Date(now + CODE_TTL_MS),
  })
  return clientRedirect(request.redirectUri, { code, state: request.state, iss: deps.issuer })
}

/** The token endpoint (form fields already parsed). */
export async function tokenRequest(deps: TokenDeps, form: URLSearchParams): Promise<TokenResponse> {
  const grantType = form.get('grant_type')
  if (grantType === 'authorization_code') return exchangeCode(deps, form)
  if (grantType === 'refresh_token') return refresh(deps, form)
  throw oauthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token')
}

async function exchangeCode(deps: TokenDeps, form: URLSearchParams): Promise<TokenResponse> {
  const code = required(form, 'code')
  const verifier = required(form, 'code_verifier')
  const row = await consume(deps, code, 'code')
  const grant = await liveGrant(deps.db, row.grantId)
  if (row.expiresAt.getTime() <= deps.now()) throw oauthError('invalid_grant', 'The authorization code has expired')
  if (form.get('client_id') !== grant.clientId) throw oauthError('invalid_grant', 'The code was issued to another client')
  if (form.get('redirect_uri') !== null && form.get('redirect_uri') !== row.redirectUri) {
    throw oauthError('invalid_grant', 'redirect_uri does not match the authorization request')
  }
  if ((await s256(verifier)) !== row.codeChallenge) throw oauthError('invalid_grant', 'code_verifier does not match the code_challenge')
  checkResource(form, grant.resource)
  return issueTokens(deps, grant.id)
}

async function refresh(deps: TokenDeps, form: URLSearchParams): Promise<TokenResponse> {
  const token = required(form, 'refresh_token')
  const row = await consume(deps, token, 'refresh')
  const grant = await liveGrant(deps.db, row.grantId)
  if (row.expiresAt.getTime() <= deps.now()) throw oauthError('invalid_grant', 'The refresh token has expired')
  if (form.get('client_id') !== grant.clientId) throw oauthError('invalid_grant', 'The refresh token was issued to another client')
  checkResource(form, grant.resource)
  return issueTokens(deps, grant.id)
}

/** Marks a code or refresh token used and returns it; a used one revokes its grant. */
async function consume(deps: TokenDeps, token: string, kind: 'code' | 'refresh') {
  const tokenHash = await sha256Hex(token)
  const [row] = await deps.db
    .update(mcpOauthToken)
    .set({ usedAt: new Date(deps.now()) })
    .where(and(eq(mcpOauthToken.tokenHash, tokenHash), eq(mcpOauthToken.kind, kind), isNull(mcpOauthToken.usedAt)))
    .returning()
  if (row) return row
  const spent = await deps.db
    .select({ grantId: mcpOauthToken.grantId })
    .from(mcpOauthToken)
    .where(and(eq(mcpOauthToken.tokenHash, tokenHash), eq(mcpOauthToken.kind, kind)))
    .get()
  if (spent) await revokeGrantRow(deps.db, spent.grantId, deps.now())
  const what = kind === 'code' ? 'authorization code' : 'refresh token'
  throw oauthError('invalid_grant', spent ? `This ${what} was already used; the authorization is revoked` : `Unknown ${what}`)
}

async function liveGrant(db: Database, grantId: string) {
  const grant = await db.select().from(mcpOauthGrant).where(eq(mcpOauthGrant.id, grantId)).get()
  if (!grant || grant.revokedAt) throw oauthError('invalid_grant', 'This authorization was revoked')
  const membership = await db.select({ role: member.role }).from(member).where(eq(member.userId, grant.userId)).get()
  if (!membership) throw oauthError('invalid_grant', 'The account behind this authorization is no longer a member')
  return grant
}

function checkResource(form: URLSearchParams, resource: string) {
  const asked = form.getAll('resource')
  if (asked.some((r) => r.replace(/\/$/, '') !== resource)) {
    throw oauthError('invalid_target', `This authorization is for ${resource} only`)
  }
}

async function issueTokens(deps: TokenDeps, grantId: string): Promise<TokenResponse> {
  const now = deps.now()
  const access = `${ACCESS_TOKEN_PREFIX}${randomToken(32)}`
  const refreshToken = `${REFRESH_TOKEN_PREFIX}${randomToken(32)}`
  await deps.db.insert(mcpOauthToken).values([
    { tokenHash: await sha256Hex(access), kind: 'access', grantId, createdAt: new Date(now), expiresAt: new Date(now + deps.accessTokenTtlSeconds * 1000) },
    { tokenHash: await sha256Hex(refreshToken), kind: 'refresh', grantId, createdAt: new Date(now), expiresAt: new Date(now + REFRESH_TOKEN_TTL_MS) },
  ])
  return { access_token: access, token_type: 'Bearer', expires_in: deps.accessTokenTtlSeconds, refresh_token: refreshToken, scope: 'mcp' }
}

/**
 * The person an access token acts for, read fresh on every request (no cache: a revocation
 * or role change applies to the next call). `resource` is where the token is presented; a
 * token bound to another audience is refused.
 */
export async function verifyAccessToken(db: Database, token: string, resource: string, now: number): Promise<Principal> {
  const row = await db
    .select({ token: mcpOauthToken, grant: mcpOauthGrant, name: user.name, email: user.email, role: member.role })
    .from(mcpOauthToken)
    .innerJoin(mcpOauthGrant, eq(mcpOauthGrant.id, mcpOauthToken.grantId))
    .innerJoin(user, eq(user.id, mcpOauthGrant.userId))
    .innerJoin(member, eq(member.userId, mcpOauthGrant.userId))
    .where(and(eq(mcpOauthToken.tokenHash, await sha256Hex(token)), eq(mcpOauthToken.kind, 'access')))
    .get()
  if (!row || row.grant.revokedAt) throw new AppError('UNAUTHORIZED', 'Access token is invalid or revoked')
  if (row.token.expiresAt.getTime() <= now) throw new AppError('UNAUTHORIZED', 'Access token has expired; refresh it')
  if (row.grant.resource !== resource) throw new AppError('UNAUTHORIZED', `This access token is for ${row.grant.resource}, not ${resource}`)
  if (!row.grant.lastUsedAt || now - row.grant.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(mcpOauthGrant).set({ lastUsedAt: new Date(now) }).where(eq(mcpOauthGrant.id, row.grant.id))
  }
  return { userId: row.grant.userId, name: row.name, email: row.email, role: row.role, via: 'oauth', oauthGrantId: row.grant.id }
}

/** RFC 7009: the client gives up a token; its whole grant ends. Unknown tokens are not an error. */
export async function revokeToken(deps: TokenDeps, form: URLSearchParams): Promise<void> {
  const token = form.get('token')
  if (!token) throw oauthError('invalid_request', 'token is required')
  const row = await deps.db
    .select({ grantId: mcpOauthToken.grantId })
    .from(mcpOauthToken)
    .where(eq(mcpOauthToken.tokenHash, await sha256Hex(token)))
    .get()
  if (!row) return
  const grant = await deps.db
    .select({ id: mcpOauthGrant.id, clientId: mcpOauthGrant.clientId, userId: mcpOauthGrant.userId, name: user.name, email: user.email, clientName: mcpOauthClient.name })
    .from(mcpOauthGrant)
    .innerJoin(user, eq(user.id, mcpOauthGrant.userId))
    .innerJoin(mcpOauthClient, eq(mcpOauthClient.id, mcpOauthGrant.clientId))
    .where(and(eq(mcpOauthGrant.id, row.grantId), isNull(mcpOauthGrant.revokedAt)))
    .get()
  if (!grant || form.get('client_id') !== grant.clientId) return
  if (await revokeGrantRow(deps.db, grant.id, deps.now())) {
    await recordAudit(deps.db, { id: grant.userId, name: grant.name, email: grant.email }, {
      action: 'mcp_client.revoked',
      target: { type: 'mcp_client', id: grant.id, label: grant.clientName },
      details: { clientId: grant.clientId, by: 'client' },
    }, deps.now())
  }
}

/** Ends a grant: every code and token issued under it stops working. True if it was live. */
export async function revokeGrantRow(db: Database, grantId: string, now: number): Promise<boolean> {
  const ended = await db
    .update(mcpOauthGrant)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(mcpOauthGrant.id, grantId), isNull(mcpOauthGrant.revokedAt)))
    .returning({ id: mcpOauthGrant.id })
  return ended.length > 0
}

export function redirectHost(redirectUri: string): string {
  const url = new URL(redirectUri)
  return url.host || `${url.protocol}//`
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name)
  if (!value) throw oauthError('invalid_request', `${name} is required`)
  return value
}

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
