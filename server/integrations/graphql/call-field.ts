// One call of a GraphQL tool: the document built (and checked) from the agent's arguments,
// POSTed as JSON `{ query, variables, operationName }` through the guarded fetch with the
// connection's credential, and the answer read back capped and redacted. GraphQL `errors` make
// the call fail with their messages and paths, and the partial `data` the endpoint still sent
// rides along in the message (the only thing the sandbox sees of a failure), cut to a bound.
import type { GraphQLSchema } from 'graphql'
import { NetworkGuardError } from '../../net/guard-error'
import type { CallContext } from '../kinds/kind'
import { ToolCallError } from '../kinds/tool-call-error'
import { applyCredential } from '../openapi/credentials'
import { createRedactor, readResponse, UpstreamError } from '../openapi/read-response'
import { buildDocument } from './build-document'
import type { GraphQlOperation } from './operation'

export type GraphQlResult = { data: unknown }

const MAX_LISTED_ERRORS = 10
const MAX_ERROR_CHARS = 500
/** Partial data longer than this (as JSON) is cut in the error message. */
export const MAX_PARTIAL_DATA_CHARS = 4000

export async function callField(
  toolPath: string,
  op: GraphQlOperation,
  args: unknown,
  context: CallContext,
  schema: GraphQLSchema | undefined,
): Promise<GraphQlResult> {
  context.annotate({ method: 'POST' })
  const endpoint = context.baseUrl ?? context.defaultBaseUrl
  if (!endpoint || !/^https?:\/\//i.test(endpoint)) {
    throw new ToolCallError('This GraphQL integration has no endpoint to call: an admin sets the endpoint URL as the integration\'s base URL')
  }
  const request = buildDocument(toolPath, op, args, schema)
  const url = new URL(endpoint)
  const headers = new Headers({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' })
  const applied = applyCredential({ url, headers }, context.credential)
  const redactor = createRedactor(applied.secrets)
  const fail = (message: string) => new ToolCallError(redactor.text(message))
  const what = `${op.operationType} ${op.field} on ${url.host}`

  let response: Response
  try {
    response = await context.fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      credentialHeaders: applied.credentialHeaders,
      signal: context.signal,
    })
  } catch (error) {
    if (error instanceof NetworkGuardError) throw fail(`Executor's network guard refused ${error.host ?? url.host}: ${error.message}`)
    if (context.signal.aborted) throw fail(`${what} was cancelled`)
    throw fail(`Could not reach ${url.host}: ${networkDetail(error)}`)
  }
  let body: unknown
  try {
    const read = await readResponse(response, { secrets: applied.secrets, connectionName: context.connectionName, maxBytes: context.maxResponseBytes })
    context.annotate({ httpStatus: read.status })
    if (read.truncated) throw fail(`The answer to ${what} was larger than ${context.maxResponseBytes} bytes; select fewer fields`)
    body = read.data
  } catch (error) {
    if (error instanceof UpstreamError) context.annotate({ httpStatus: error.status })
    if (error instanceof ToolCallError) throw error
    if (context.signal.aborted) throw fail(`${what} was cancelled while its answer was read`)
    throw fail(`The answer of ${url.host} to ${what} broke off: ${networkDetail(error)}`)
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('data' in body || 'errors' in body)) {
    throw fail(`${url.host} did not answer ${what} with a GraphQL response ({ data, errors })`)
  }
  const { data, errors } = body as { data?: unknown; errors?: unknown }
  if (Array.isArray(errors) && errors.length > 0) throw fail(errorsMessage(what, errors, data))
  return { data: data ?? null }
}

/** `GraphQL errors from …: - message (at path.0.x)`, then the partial data, bounded. */
export function errorsMessage(what: string, errors: unknown[], data: unknown): string {
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((error) => {
    const record = (error ?? {}) as { message?: unknown; path?: unknown }
    const message = clip(typeof record.message === 'string' ? record.message : JSON.stringify(error), MAX_ERROR_CHARS)
    const path = Array.isArray(record.path) ? ` (at ${record.path.join('.')})` : ''
    return `- ${message}${path}`
  })
  if (errors.length > MAX_LISTED_ERRORS) lines.push(`- and ${errors.length - MAX_LISTED_ERRORS} more`)
  let message = `GraphQL errors from ${what}:\n${lines.join('\n')}`
  if (data !== undefined && data !== null) message += `\nPartial data: ${clip(JSON.stringify(data), MAX_PARTIAL_DATA_CHARS)}`
  return message
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED…) in `cause`. */
function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message
  return error instanceof Error && error.message !== '' ? error.message : 'the connection failed'
}
