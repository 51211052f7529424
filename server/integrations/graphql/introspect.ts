// Reading a schema from a live endpoint: the standard introspection query POSTed through the
// network guard, with the connection's credential when there is one. An endpoint that refuses
// without a credential (401/403) ends the import as "needs a credential", guessing a bearer
// token unless its WWW-Authenticate challenge says Basic; every other failure is said in words
// an operator can act on, with the credential redacted.
import { getIntrospectionQuery, type GraphQLSchema } from 'graphql'
import { AppError } from '../../http/app-error'
import { readCapped } from '../../http/read-capped'
import { NetworkGuardError } from '../../net/guard-error'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { DOCUMENT_FETCH_TIMEOUT_MS, MAX_DOCUMENT_BYTES } from '../fetch-document'
import { NeedsCredentialError } from '../kinds/kind'
import { applyCredential, type Credential } from '../openapi/credentials'
import type { SecurityScheme } from '../openapi/operation'
import { createRedactor } from '../openapi/read-response'
import { schemaFromIntrospection } from './parse-schema'

export type IntrospectOptions = { fetch: GuardedFetch; credential?: Credential; signal?: AbortSignal }

/** The schema, and the endpoint's answer as text (kept as the integration's source) with the credential redacted. */
export type Introspected = { schema: GraphQLSchema; answer: string }

export async function introspect(endpoint: string, options: IntrospectOptions): Promise<Introspected> {
  const url = new URL(endpoint)
  const host = url.host
  const headers = new Headers({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' })
  const applied = applyCredential({ url, headers }, options.credential)
  const redact = createRedactor(applied.secrets)
  const timeout = AbortSignal.timeout(DOCUMENT_FETCH_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  let response: Response
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
      credentialHeaders: applied.credentialHeaders,
      signal,
    })
  } catch (error) {
    if (error instanceof NetworkGuardError) throw new AppError('BAD_REQUEST', redact.text(`Executor's network guard refused ${error.host ?? host}: ${error.message}`))
    if (timeout.aborted) throw new AppError('BAD_REQUEST', `${host} did not answer the introspection query within ${DOCUMENT_FETCH_TIMEOUT_MS / 1000} s`)
    throw new AppError('BAD_REQUEST', redact.text(`Could not reach the GraphQL endpoint ${host}: ${reasonOf(error)}`))
  }
  const hasCredential = options.credential !== undefined && options.credential.type !== 'none'
  if (response.status === 401 || response.status === 403) {
    const challenge = response.headers.get('www-authenticate') ?? ''
    await response.body?.cancel().catch(() => undefined)
    const scheme: SecurityScheme = /^\s*basic\b/i.test(challenge) ? { type: 'http', scheme: 'basic' } : { type: 'http', scheme: 'bearer' }
    const message = hasCredential
      ? `The GraphQL endpoint ${host} refused the connection's credential for introspection (HTTP ${response.status}); fix the connection's credential, then refresh`
      : `The GraphQL endpoint ${host} needs a credential to be introspected (HTTP ${response.status}): add a connection with one, then refresh`
    throw new NeedsCredentialError(message, { [scheme.scheme]: scheme })
  }
  const bytes = await readCapped(response.body, response.headers.get('content-length'), MAX_DOCUMENT_BYTES, () =>
    new AppError('BAD_REQUEST', `The introspection answer of ${host} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`),
  )
  let body: { data?: unknown; errors?: Array<{ message?: unknown }> } | undefined
  const answer = new TextDecoder().decode(bytes)
  try {
    body = JSON.parse(answer) as typeof body
  } catch {
    body = undefined
  }
  const errors = Array.isArray(body?.errors) ? body.errors.map((error) => String(error?.message ?? error)).slice(0, 3) : []
  if (!body || typeof body !== 'object' || body.data === null || typeof body.data !== 'object') {
    const said = errors.length > 0 ? `: ${errors.join('; ')}` : body ? '' : ' (not JSON)'
    const status = response.ok ? '' : ` HTTP ${response.status}`
    throw new AppError(
      'BAD_REQUEST',
      redact.text(`The GraphQL endpoint ${host} did not answer the introspection query${status}${said}. If introspection is turned off there, paste the schema (SDL or introspection JSON) instead`),
    )
  }
  return { schema: schemaFromIntrospection(body.data), answer: redact.text(answer) }
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
  return cause ?? (error instanceof Error ? error.message : 'the request failed')
}
