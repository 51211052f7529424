// The clients the authorization server knows. A client registers itself (RFC 7591) and gets an
// id of ours, or names itself by the https URL of a client ID metadata document, which is
// fetched through the network guard each time it is needed, so a change there (or its removal)
// applies to the next authorization.
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '~/db/database'
import { mcpOauthClient } from '~/db/schema'
import { newId } from '../crypto/tokens'
import { AppError } from '../http/app-error'
import { readCapped } from '../http/read-capped'
import type { GuardedFetch } from '../net/guarded-fetch'
import { oauthError } from './oauth-error'
import { redirectUriProblem } from './redirect-uri'

export type OAuthClient = {
  id: string
  kind: 'registered' | 'metadata_document'
  name: string
  redirectUris: string[]
  clientUri: string | null
}

export type ClientDeps = {
  db: Database
  fetch: GuardedFetch
  /** local network allowed: a metadata document may then also be served over http (development, tests) */
  allowLocalNetwork: boolean
  now: () => number
}

const MAX_REDIRECT_URIS = 10
/** Metadata documents are a few hundred bytes; the draft suggests clients keep them under 5 KB. */
const MAX_METADATA_DOCUMENT_BYTES = 16 * 1024
const METADATA_FETCH_TIMEOUT_MS = 5_000

const RedirectUris = z
  .array(z.string().max(2000))
  .min(1, 'redirect_uris needs at least one URI')
  .max(MAX_REDIRECT_URIS, `redirect_uris may list at most ${MAX_REDIRECT_URIS} URIs`)
  .superRefine((uris, ctx) => {
    for (const uri of uris) {
      const problem = redirectUriProblem(uri)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }
  })

const ClientName = z.string().trim().min(1).max(100)
const ClientUri = z.string().url().max(2000).optional()

const RegistrationSchema = z.object({
  redirect_uris: RedirectUris,
  client_name: ClientName.optional(),
  client_uri: ClientUri,
  grant_types: z.array(z.string()).optional(),
  response_types: z.array(z.string()).optional(),
  token_endpoint_auth_method: z.string().optional(),
  scope: z.string().optional(),
})

/** RFC 7591 registration: every client is public (PKCE, no secret), whatever auth method it asked for. */
export async function registerClient(db: Database, body: unknown, now: number) {
  const parsed = RegistrationSchema.safeParse(body)
  if (!parsed.success) throw oauthError('invalid_client_metadata', firstIssue(parsed.error))
  const input = parsed.data
  const grantTypes = input.grant_types ?? ['authorization_code', 'refresh_token']
  if (grantTypes.some((g) => g !== 'authorization_code' && g !== 'refresh_token')) {
    throw oauthError('invalid_client_metadata', 'grant_types may only hold authorization_code and refresh_token')
  }
  if ((input.response_types ?? ['code']).some((r) => r !== 'code')) {
    throw oauthError('invalid_client_metadata', 'response_types may only hold code')
  }
  const row = {
    id: newId('mcpc'),
    kind: 'registered' as const,
    name: input.client_name ?? 'Unnamed MCP client',
    redirectUris: input.redirect_uris,
    clientUri: input.client_uri ?? null,
    createdAt: new Date(now),
  }
  await db.insert(mcpOauthClient).values(row)
  return {
    client_id: row.id,
    client_id_issued_at: Math.floor(now / 1000),
    client_name: row.name,
    ...(row.clientUri ? { client_uri: row.clientUri } : {}),
    redirect_uris: row.redirectUris,
    grant_types: grantTypes,
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }
}

/** Whether a client id names a metadata document rather than a registration of ours. */
export function isMetadataDocumentId(clientId: string): boolean {
  return clientId.startsWith('https://') || clientId.startsWith('http://')
}

/** The client `clientId` stands for; an unknown or unusable one is `invalid_client`. */
export async function resolveClient(deps: ClientDeps, clientId: string): Promise<OAuthClient> {
  if (isMetadataDocumentId(clientId)) return fetchMetadataDocument(deps, clientId)
  const row = await deps.db.select().from(mcpOauthClient).where(eq(mcpOauthClient.id, clientId)).get()
  if (!row || row.kind !== 'registered') throw oauthError('invalid_client', 'Unknown client_id: register the client first')
  return { id: row.id, kind: row.kind, name: row.name, redirectUris: row.redirectUris, clientUri: row.clientUri }
}

const MetadataDocumentSchema = z.object({
  client_id: z.string(),
  client_name: ClientName,
  client_uri: ClientUri,
  redirect_uris: RedirectUris,
  token_endpoint_auth_method: z.literal('none').optional(),
})

async function fetchMetadataDocument(deps: ClientDeps, clientId: string): Promise<OAuthClient> {
  let url: URL
  try {
    url = new URL(clientId)
  } catch {
    throw oauthError('invalid_client', 'client_id is not a valid URL')
  }
  if (url.protocol !== 'https:' && !(deps.allowLocalNetwork && url.protocol === 'http:')) {
    throw oauthError('invalid_client', 'A client ID metadata document must be served over https')
  }
  if (url.hash || url.pathname === '/') {
    throw oauthError('invalid_client', 'A client ID metadata document URL needs a path and no fragment')
  }
  let text: string
  try {
    const response = await deps.fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(METADATA_FETCH_TIMEOUT_MS),
    })
    if (!response.ok) {
      await response.body?.cancel()
      throw oauthError('invalid_client', `The client's metadata document answered HTTP ${response.status}`)
    }
    const bytes = await readCapped(response.body, response.headers.get('content-length'), MAX_METADATA_DOCUMENT_BYTES, () =>
      oauthError('invalid_client', `The client's metadata document is larger than ${MAX_METADATA_DOCUMENT_BYTES} bytes`),
    )
    text = new TextDecoder().decode(bytes)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw oauthError('invalid_client', `The client's metadata document could not be fetched: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw oauthError('invalid_client', "The client's metadata document is not JSON")
  }
  const parsed = MetadataDocumentSchema.safeParse(json)
  if (!parsed.success) throw oauthError('invalid_client', `The client's metadata document is invalid: ${firstIssue(parsed.error)}`)
  if (parsed.data.client_id !== clientId) {
    throw oauthError('invalid_client', "The client's metadata document names a different client_id than its own URL")
  }
  return {
    id: clientId,
    kind: 'metadata_document',
    name: parsed.data.client_name,
    redirectUris: parsed.data.redirect_uris,
    clientUri: parsed.data.client_uri ?? null,
  }
}

/** Keeps what a metadata-document client said at consent, so the console can name it later. */
export async function rememberClient(db: Database, client: OAuthClient, now: number): Promise<void> {
  if (client.kind !== 'metadata_document') return
  const values = { name: client.name, redirectUris: client.redirectUris, clientUri: client.clientUri }
  await db
    .insert(mcpOauthClient)
    .values({ id: client.id, kind: client.kind, createdAt: new Date(now), ...values })
    .onConflictDoUpdate({ target: mcpOauthClient.id, set: values })
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid metadata'
  const path = issue.path.join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}
