// The record of MCP sessions people opened, for the Connect page: which client, since when, last
// seen, still open. Live sessions sit in the session store (per process or isolate); this table is
// what survives a restart and reads the same on both targets.
import { and, desc, eq, isNotNull, isNull, lt, notInArray } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { mcpClientSession, user } from '~/db/schema'

/** Sessions kept per principal (ended ones, where a cap applies: see recordSessionOpened); older ones are deleted as new ones open. */
export const SESSIONS_KEPT_PER_PRINCIPAL = 20
// Writing on every request would turn each MCP call into a write; a minute is precise enough
// for "last seen".
export const LAST_SEEN_RESOLUTION_MS = 60_000
const MAX_CLIENT_FIELD = 200

export type ClientInfo = { name: string; version: string }

export type McpSessionView = {
  id: string
  userId: string
  /** the owner's email, where the principal has an account row */
  userEmail: string | null
  clientName: string
  clientVersion: string
  createdAt: string
  lastSeenAt: string
  open: boolean
}

/** The clientInfo of an `initialize` request body; `unknown` for what the client did not say. */
export function clientInfoOf(body: unknown): ClientInfo {
  const message = Array.isArray(body) ? body[0] : body
  const info = (message as { params?: { clientInfo?: { name?: unknown; version?: unknown } } } | undefined)?.params?.clientInfo
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_CLIENT_FIELD) : 'unknown')
  return { name: text(info?.name), version: text(info?.version) }
}

/**
 * Records a session that just opened. Without a cap, that principal's records beyond the newest
 * 20 are deleted. With one (the Worker, whose session objects cannot see each other): of that
 * principal's sessions not yet ended, all but the `perPrincipal` most recently seen are marked
 * ended and their ids returned, for the caller to end in the session store. "Most recently seen"
 * is to the minute `last seen` is written at. Unended records are then never more than the cap,
 * so all of them are kept (a deleted one could no longer be ended), with the newest 20 ended ones.
 */
export async function recordSessionOpened(
  db: Database,
  session: { id: string; userId: string; client: ClientInfo },
  now: number,
  perPrincipal?: number,
): Promise<string[]> {
  const at = new Date(now)
  await db.insert(mcpClientSession).values({
    id: session.id,
    userId: session.userId,
    clientName: session.client.name,
    clientVersion: session.client.version,
    createdAt: at,
    lastSeenAt: at,
  })
  const mine = eq(mcpClientSession.userId, session.userId)
  const byCreation = [desc(mcpClientSession.createdAt), desc(mcpClientSession.id)]
  if (perPrincipal === undefined) {
    const newest = db.select({ id: mcpClientSession.id }).from(mcpClientSession).where(mine).orderBy(...byCreation).limit(SESSIONS_KEPT_PER_PRINCIPAL)
    await db.delete(mcpClientSession).where(and(mine, notInArray(mcpClientSession.id, newest)))
    return []
  }
  const unended = and(mine, isNull(mcpClientSession.closedAt))
  const newestUnended = db
    .select({ id: mcpClientSession.id })
    .from(mcpClientSession)
    .where(unended)
    .orderBy(desc(mcpClientSession.lastSeenAt), ...byCreation)
    .limit(perPrincipal)
  const overCap = await db
    .update(mcpClientSession)
    .set({ closedAt: at })
    .where(and(unended, notInArray(mcpClientSession.id, newestUnended)))
    .returning({ id: mcpClientSession.id })
  const ended = and(mine, isNotNull(mcpClientSession.closedAt))
  const newestEnded = db.select({ id: mcpClientSession.id }).from(mcpClientSession).where(ended).orderBy(...byCreation).limit(SESSIONS_KEPT_PER_PRINCIPAL)
  await db.delete(mcpClientSession).where(and(ended, notInArray(mcpClientSession.id, newestEnded)))
  return overCap.map((row) => row.id)
}

/**
 * Marks a session seen now, when its stored time is a minute old or more. `lastWritten` is the
 * time this process last wrote it (kept on the live session), so most requests skip the database.
 * Returns the time now stored, or `lastWritten` when nothing was written.
 */
export async function recordSessionSeen(db: Database, id: string, lastWritten: number, now: number): Promise<number> {
  if (now - lastWritten < LAST_SEEN_RESOLUTION_MS) return lastWritten
  await db
    .update(mcpClientSession)
    .set({ lastSeenAt: new Date(now) })
    .where(and(eq(mcpClientSession.id, id), lt(mcpClientSession.lastSeenAt, new Date(now - LAST_SEEN_RESOLUTION_MS + 1))))
  return now
}

/** Marks a session ended (the client deleted it, or it was found expired). */
export async function recordSessionClosed(db: Database, id: string, now: number) {
  await db
    .update(mcpClientSession)
    .set({ closedAt: new Date(now) })
    .where(and(eq(mcpClientSession.id, id), isNull(mcpClientSession.closedAt)))
}

/**
 * Recent sessions, newest first: one principal's, or everyone's (`userId` undefined). A session
 * counts as open until it is ended or has gone unseen for the idle timeout (plus the minute
 * `last seen` may lag): after a restart, live sessions are gone but read as open until then.
 */
export async function listClientSessions(
  db: Database,
  filter: { userId?: string },
  options: { idleMs: number; now: number; limit?: number },
): Promise<McpSessionView[]> {
  const rows = await db
    .select({ session: mcpClientSession, email: user.email })
    .from(mcpClientSession)
    .leftJoin(user, eq(user.id, mcpClientSession.userId))
    .where(filter.userId === undefined ? undefined : eq(mcpClientSession.userId, filter.userId))
    .orderBy(desc(mcpClientSession.lastSeenAt), desc(mcpClientSession.id))
    .limit(options.limit ?? 200)
  const openAfter = options.now - options.idleMs - LAST_SEEN_RESOLUTION_MS
  return rows.map(({ session: row, email }) => ({
    id: row.id,
    userId: row.userId,
    userEmail: email,
    clientName: row.clientName,
    clientVersion: row.clientVersion,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    open: row.closedAt === null && row.lastSeenAt.getTime() > openAfter,
  }))
}
