// The console's view of MCP clients people have authorized: one's own, or (admins) everyone's,
// and revoking one, which ends its tokens at once (verifyAccessToken reads the grant every time).
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { mcpOauthClient, mcpOauthGrant, user } from '~/db/schema'
import { actorOf, recordAudit } from '../audit/audit-log'
import { hasRole, type Principal } from '../auth/principal'
import { AppError } from '../http/app-error'
import { revokeGrantRow } from './tokens'

export type AuthorizedClientView = {
  id: string
  clientName: string
  clientId: string
  /** a metadata-document client's URL host, so a person can tell who published it */
  clientHost: string | null
  account: { userId: string; name: string; email: string }
  isYours: boolean
  authorizedAt: string
  lastUsedAt: string | null
}

export async function listAuthorizedClients(db: Database, actor: Principal, everyone: boolean): Promise<AuthorizedClientView[]> {
  if (everyone && !hasRole(actor.role, 'admin')) throw new AppError('FORBIDDEN', "Only owners and admins can see everyone's authorized clients")
  const live = isNull(mcpOauthGrant.revokedAt)
  const rows = await db
    .select({ grant: mcpOauthGrant, client: mcpOauthClient, name: user.name, email: user.email })
    .from(mcpOauthGrant)
    .innerJoin(mcpOauthClient, eq(mcpOauthClient.id, mcpOauthGrant.clientId))
    .innerJoin(user, eq(user.id, mcpOauthGrant.userId))
    .where(everyone ? live : and(live, eq(mcpOauthGrant.userId, actor.userId)))
    .orderBy(desc(mcpOauthGrant.createdAt))
  return rows.map(({ grant, client, name, email }) => ({
    id: grant.id,
    clientName: client.name,
    clientId: client.id,
    clientHost: client.kind === 'metadata_document' ? new URL(client.id).host : null,
    account: { userId: grant.userId, name, email },
    isYours: grant.userId === actor.userId,
    authorizedAt: grant.createdAt.toISOString(),
    lastUsedAt: grant.lastUsedAt?.toISOString() ?? null,
  }))
}

/** Revokes one's own authorization, or anyone's for an admin; others' are "not found". */
export async function revokeAuthorizedClient(db: Database, actor: Principal, grantId: string, now: number): Promise<void> {
  const row = await db
    .select({ grant: mcpOauthGrant, clientName: mcpOauthClient.name, email: user.email })
    .from(mcpOauthGrant)
    .innerJoin(mcpOauthClient, eq(mcpOauthClient.id, mcpOauthGrant.clientId))
    .innerJoin(user, eq(user.id, mcpOauthGrant.userId))
    .where(and(eq(mcpOauthGrant.id, grantId), isNull(mcpOauthGrant.revokedAt)))
    .get()
  const mayRevoke = row && (row.grant.userId === actor.userId || hasRole(actor.role, 'admin'))
  if (!row || !mayRevoke) throw new AppError('NOT_FOUND', 'No such authorized client')
  if (!(await revokeGrantRow(db, grantId, now))) throw new AppError('NOT_FOUND', 'No such authorized client')
  await recordAudit(db, actorOf(actor), {
    action: 'mcp_client.revoked',
    target: { type: 'mcp_client', id: grantId, label: row.clientName },
    details: { clientId: row.grant.clientId, account: row.email, by: 'console' },
  }, now)
}
