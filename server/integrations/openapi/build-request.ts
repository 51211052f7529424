// From an operation and a tool call's arguments to the request to send (through the guarded
// fetch): the path template filled in segment by segment, the query string, headers and cookies
// serialized per each parameter's style, the body encoded for the chosen media type, and the
// connection's credential applied last.
//
// Arguments name parameters by their tool input property: the wire name (`petId`, `X-Tenant`),
// or the parameter's `inputName` when the import gave it one (`header_id` for a name two
// locations share, `query_body` for a name the body input owns). A parameter without an
// inputName may also come as `<location>_<name>`, which wins over the plain name. One with an
// inputName is read from that property alone: its plain name belongs to another input.
import { AppError } from '../../http/app-error'
import type { GuardedRequestInit } from '../../net/guarded-fetch'
import { applyCredential, type Credential } from './credentials'
import { encodeBody, pickContentType } from './encode-body'
import type { OperationParameter, OperationSpec } from './operation'
import {
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
} from './serialize-parameter'

export type BuildRequestOptions = {
  /** the server URL the operation's path is appended to; may carry a path prefix (`https://api.example.com/v2`) */
  baseUrl: string
  credential?: Credential
}

export type BuiltRequest = {
  url: URL
  /** `credentialHeaders` tells the guarded fetch which headers to drop on a cross-origin redirect */
  init: GuardedRequestInit
  /** the credential's secret strings, for the response reader to redact */
  secrets: string[]
}

// The specification ignores header parameters with these names: other fields own them.
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization'])

export function buildRequest(
  operation: OperationSpec,
  args: Record<string, unknown>,
  options: BuildRequestOptions,
): BuiltRequest {
  const base = parseBaseUrl(options.baseUrl)
  const missing: string[] = []
  const valueOf = (parameter: OperationParameter): unknown => {
    const value = inputValue(parameter, args)
    if (value === undefined && (parameter.required || parameter.in === 'path')) {
      missing.push(`${parameter.inputName ?? parameter.name} (${parameter.in})`)
    }
    return value
  }

  const path = fillPathTemplate(operation, valueOf)
  const query: string[] = []
  const cookies: string[] = []
  const headers = new Headers()
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') continue
    if (parameter.in === 'header' && IGNORED_HEADER_PARAMETERS.has(parameter.name.toLowerCase())) continue
    const value = valueOf(parameter)
    if (value === undefined) continue
    if (parameter.in === 'query') query.push(...serializeQueryParameter(parameter, value))
    else if (parameter.in === 'cookie') cookies.push(...serializeCookieParameter(parameter, value))
    else headers.set(parameter.name, serializeHeaderParameter(parameter, value))
  }
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))

  let body: BodyInit | undefined
  const method = operation.method.toUpperCase()
  if (args.body !== undefined) {
    if (operation.body === undefined) throw new AppError('BAD_REQUEST', `${method} ${operation.path} takes no body`)
    if (method === 'GET' || method === 'HEAD') {
      throw new AppError(
        'BAD_REQUEST',
        `${method} ${operation.path} describes a body, but a ${method} request cannot carry one`,
      )
    }
    const encoded = encodeBody(args.body, pickContentType(operation.body, args.contentType))
    body = encoded.body
    if (encoded.contentType !== undefined) headers.set('content-type', encoded.contentType)
  } else if (operation.body?.required) {
    missing.push('body')
  }

  if (missing.length > 0) {
    throw new AppError('BAD_REQUEST', `Missing required arguments: ${missing.join(', ')}`, { missing })
  }

  const search = [base.search.slice(1), ...query].filter((part) => part !== '').join('&')
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}${search === '' ? '' : `?${search}`}`)
  const applied = applyCredential({ url, headers }, options.credential)
  const init: GuardedRequestInit = { method, headers, credentialHeaders: applied.credentialHeaders }
  if (body !== undefined) init.body = body
  return { url, init, secrets: applied.secrets }
}

function inputValue(parameter: OperationParameter, args: Record<string, unknown>): unknown {
  if (parameter.inputName !== undefined) return args[parameter.inputName]
  const prefixed = args[`${parameter.in}_${parameter.name}`]
  return prefixed !== undefined ? prefixed : args[parameter.name]
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new AppError('BAD_REQUEST', `The base URL ${JSON.stringify(baseUrl)} is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_REQUEST', `The base URL ${url.origin} is not an http(s) URL`)
  }
  return url
}

/** `/pets/{petId}` with each `{name}` serialized; a name no parameter declares is taken as a simple path parameter. */
function fillPathTemplate(operation: OperationSpec, valueOf: (parameter: OperationParameter) => unknown): string {
  const template = operation.path.startsWith('/') ? operation.path : `/${operation.path}`
  const filled = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name) ?? {
      name,
      in: 'path' as const,
      required: true,
    }
    const value = valueOf(parameter)
    return value === undefined ? '' : serializePathParameter(parameter, value)
  })
  // URL parsing resolves `.` and `..` segments (even as %2e), which would reach another endpoint.
  const dotSegment = filled.split('/').find((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))
  if (dotSegment !== undefined) {
    throw new AppError('BAD_REQUEST', `A path parameter of ${operation.path} may not be "." or ".."`)
  }
  return filled
}
