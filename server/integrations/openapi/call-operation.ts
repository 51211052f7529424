// One call of an imported OpenAPI tool: the request built from the agent's arguments, sent
// through the guarded fetch with the caller's signal, and the answer read back redacted. Every
// failure becomes one Error whose message the agent reads: the builder's complaint about the
// arguments, the upstream's non-2xx answer (UpstreamError), a network-guard refusal, an
// unreachable host or a cancelled call. Each message goes through the same redaction as the
// responses, since a credential can sit in a query string or be echoed by a hostile upstream,
// and no error keeps the original as its `cause` (it may quote the URL).
import { ToolCallError } from '../kinds/tool-call-error'
import { AppError } from '../../http/app-error'
import { NetworkGuardError } from '../../net/guard-error'
import type { GuardedFetch } from '../../net/guarded-fetch'
import { buildRequest } from './build-request'
import { credentialSecrets, type Credential } from './credentials'
import type { ToolDefinition } from './operation'
import { createRedactor, readResponse, UpstreamError, type Redactor, type ToolResponse } from './read-response'

export type CallContext = {
  fetch: GuardedFetch
  /** the connection's server URL the operation's path is appended to */
  baseUrl: string
  credential?: Credential
  /** named when the upstream rejects the credential */
  connectionName: string
  /** cancels the call, the body read included */
  signal: AbortSignal
  maxResponseBytes: number
}

export type CallErrorCode = 'BAD_REQUEST' | 'NETWORK_GUARD' | 'UNREACHABLE' | 'ABORTED'

/** A call that did not get a 2xx answer for a reason other than the upstream's; UpstreamError covers that one. */
export class OperationCallError extends ToolCallError {
  readonly code: CallErrorCode
  constructor(code: CallErrorCode, message: string) {
    super(message)
    this.name = 'OperationCallError'
    this.code = code
  }
}

export async function callOperation(tool: ToolDefinition, args: unknown, ctx: CallContext): Promise<ToolResponse> {
  const redactor = createRedactor(credentialSecrets(ctx.credential))
  const fail = (code: CallErrorCode, message: string) => new OperationCallError(code, redactor.text(message))
  const operation = tool.operation
  const what = `${operation.method.toUpperCase()} ${operation.path}`

  if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
    throw fail('BAD_REQUEST', `tools.${tool.path} takes one object of arguments`)
  }
  let request: ReturnType<typeof buildRequest>
  try {
    request = buildRequest(operation, (args ?? {}) as Record<string, unknown>, {
      baseUrl: ctx.baseUrl,
      credential: ctx.credential,
    })
  } catch (error) {
    if (error instanceof AppError) throw fail('BAD_REQUEST', error.message)
    throw fail('BAD_REQUEST', `The arguments of tools.${tool.path} could not be turned into a request`)
  }
  const host = request.url.host
  if (ctx.signal.aborted) throw fail('ABORTED', `${what} on ${host} was cancelled${reasonOf(ctx.signal, redactor)}`)

  let response: Response
  try {
    response = await ctx.fetch(request.url, { ...request.init, signal: ctx.signal })
  } catch (error) {
    if (error instanceof NetworkGuardError) {
      throw fail('NETWORK_GUARD', `Executor's network guard refused ${error.host ?? host}: ${error.message}`)
    }
    if (ctx.signal.aborted) throw fail('ABORTED', `${what} on ${host} was cancelled${reasonOf(ctx.signal, redactor)}`)
    throw fail('UNREACHABLE', `Could not reach ${host}: ${networkDetail(error)}`)
  }

  try {
    return await readResponse(response, {
      secrets: request.secrets,
      connectionName: ctx.connectionName,
      maxBytes: ctx.maxResponseBytes,
    })
  } catch (error) {
    if (error instanceof UpstreamError) throw error
    if (ctx.signal.aborted) {
      throw fail(
        'ABORTED',
        `${what} on ${host} was cancelled while its answer was read${reasonOf(ctx.signal, redactor)}`,
      )
    }
    throw fail('UNREACHABLE', `The answer of ${host} to ${what} broke off: ${networkDetail(error)}`)
  }
}


function reasonOf(signal: AbortSignal, redactor: Redactor): string {
  const reason: unknown = signal.reason
  const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : ''
  return text === '' ? '' : `: ${redactor.text(text)}`
}

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED…) in `cause`. */
function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message
  return error instanceof Error && error.message !== '' ? error.message : 'the connection failed'
}
