// One dereferenced OpenAPI operation → the OperationSpec the request builder reads and the tool's
// input and output schemas.
import { finiteSchemas, type SchemaCache } from './finite-schema'
import type { ReferenceNames } from './dereference-document'
import { securityNames } from './servers-and-security'
import type { HttpMethod, JsonSchema, OperationBody, OperationParameter, OperationSpec, ParameterLocation } from './operation'

type Obj = Record<string, unknown>

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value)
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

const locations: ParameterLocation[] = ['path', 'query', 'header', 'cookie']
const styles = new Set(['matrix', 'label', 'form', 'simple', 'spaceDelimited', 'pipeDelimited', 'deepObject'])
const reservedInputs = new Set(['body', 'contentType'])

export type ConvertContext = {
  names: ReferenceNames
  cache: SchemaCache
  warnings: string[]
  /** the document's global security requirement list */
  globalSecurity: unknown
  /** JSON characters of schema per tool (finite-schema.ts) */
  schemaBudget?: number
}

export type RawOperation = { method: HttpMethod; path: string; pathItem: Obj; operation: Obj }

export type ConvertedOperation = {
  spec: OperationSpec
  inputSchema: JsonSchema
  outputSchema: JsonSchema
}

const isJsonMediaType = (type: string) => /^application\/(.+\+)?json\b|^\*\/\*$|^application\/\*$/i.test(type)

/** A media type's schema as written (dereferenced), or undefined. */
function contentSource(content: Obj, type: string): unknown {
  const media = content[type]
  return isObject(media) ? media.schema : undefined
}

/** A parameter with the source schema it will be given once all of the operation's schemas are made finite. */
type SourcedParameter = { parameter: OperationParameter; source: unknown }

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function mergedParameters(raw: RawOperation, where: string, ctx: ConvertContext): SourcedParameter[] {
  const byKey = new Map<string, Obj>()
  for (const list of [raw.pathItem.parameters, raw.operation.parameters]) {
    if (!Array.isArray(list)) continue
    for (const parameter of list) {
      if (!isObject(parameter) || typeof parameter.name !== 'string') {
        ctx.warnings.push(`${where}: a parameter without a name was skipped`)
        continue
      }
      if (!locations.includes(parameter.in as ParameterLocation)) {
        ctx.warnings.push(`${where}: parameter ${parameter.name} in "${String(parameter.in)}" is not supported; skipped`)
        continue
      }
      byKey.set(`${String(parameter.in)}\u0000${parameter.name}`, parameter)
    }
  }
  return [...byKey.values()].map((parameter) => {
    let source: unknown
    if (parameter.schema !== undefined) source = parameter.schema
    else if (isObject(parameter.content)) {
      const [type] = Object.keys(parameter.content)
      if (type) source = contentSource(parameter.content, type)
      ctx.warnings.push(`${where}: parameter ${String(parameter.name)} is described by content (${type}); sent as plain text of its value`)
    }
    const location = parameter.in as ParameterLocation
    const result: OperationParameter = {
      name: parameter.name as string,
      in: location,
      required: location === 'path' ? true : parameter.required === true,
    }
    if (typeof parameter.style === 'string' && styles.has(parameter.style)) result.style = parameter.style as OperationParameter['style']
    if (typeof parameter.explode === 'boolean') result.explode = parameter.explode
    if (parameter.allowReserved === true) result.allowReserved = true
    const description = text(parameter.description)
    if (description) result.description = description
    return { parameter: result, source }
  })
}

/** Bare names where unambiguous; a name shared across locations keeps it for the first location (path, query, header, cookie) and the rest become `<in>_<name>`. */
function assignInputNames(parameters: OperationParameter[]): void {
  const taken = new Set<string>(reservedInputs)
  const ordered = [...parameters].sort((a, b) => locations.indexOf(a.in) - locations.indexOf(b.in))
  for (const parameter of ordered) {
    let candidate = parameter.name
    if (taken.has(candidate)) candidate = `${parameter.in}_${parameter.name}`
    for (let n = 2; taken.has(candidate); n++) candidate = `${parameter.in}_${parameter.name}_${n}`
    taken.add(candidate)
    if (candidate !== parameter.name) parameter.inputName = candidate
  }
}

type SourcedBody = { body: OperationBody; sources: Map<string, unknown> }

/** The body and, per media type, its source schema: the default's, then each that differs from it. */
function requestBody(raw: RawOperation, where: string, ctx: ConvertContext): SourcedBody | undefined {
  const body = raw.operation.requestBody
  if (!isObject(body)) return undefined
  const content = isObject(body.content) ? body.content : {}
  const contentTypes = Object.keys(content)
  if (contentTypes.length === 0) {
    ctx.warnings.push(`${where}: the request body lists no media type; no body input`)
    return undefined
  }
  const defaultSource = contentSource(content, contentTypes[0] as string)
  const sources = new Map<string, unknown>([[contentTypes[0] as string, defaultSource]])
  for (const type of contentTypes.slice(1)) {
    const source = contentSource(content, type)
    // The same $ref dereferences to the same object; schemas written out twice count as different.
    if (source !== defaultSource) sources.set(type, source)
  }
  const result: OperationBody = { required: body.required === true, contentTypes }
  const description = text(body.description)
  if (description) result.description = description
  return { body: result, sources }
}

/** The schema of the first 2xx response (by status code) with a JSON body. */
function successSource(raw: RawOperation): unknown {
  const responses = isObject(raw.operation.responses) ? raw.operation.responses : {}
  const codes = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort()
  for (const code of codes) {
    const response = responses[code]
    if (!isObject(response) || !isObject(response.content)) continue
    const type = Object.keys(response.content).find(isJsonMediaType)
    if (type) return contentSource(response.content, type) ?? null
  }
  return undefined
}

function withDescription(schema: JsonSchema | undefined, description: string | undefined): JsonSchema {
  const base = schema ?? {}
  return description ? { ...base, description } : base
}

function inputSchemaFor(parameters: OperationParameter[], parameterSchemas: (JsonSchema | undefined)[], body: OperationBody | undefined, bodySchema: JsonSchema | undefined): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  parameters.forEach((parameter, index) => {
    const key = parameter.inputName ?? parameter.name
    properties[key] = withDescription(parameterSchemas[index], parameter.description)
    if (parameter.required) required.push(key)
  })
  if (body) {
    const defaultType = body.contentTypes[0] ?? ''
    const note = body.contentTypes.length > 1 ? `The request body as ${defaultType} unless contentType says otherwise.` : undefined
    properties.body = withDescription(bodySchema, [body.description, note].filter(Boolean).join(' ') || undefined)
    if (body.required) required.push('body')
    if (body.contentTypes.length > 1) {
      properties.contentType = { type: 'string', enum: body.contentTypes, default: defaultType, description: 'The media type of body' }
    }
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false }
}

export function outputSchemaFor(responseSchema: JsonSchema | undefined): JsonSchema {
  return {
    type: 'object',
    properties: {
      status: { type: 'integer', description: 'The HTTP status code' },
      headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'The response headers' },
      data: responseSchema ?? { description: 'The response body: parsed JSON, else text' },
    },
    required: ['status', 'headers'],
  }
}

export function convertOperation(raw: RawOperation, ctx: ConvertContext, operationServers: string[] | undefined): ConvertedOperation {
  const where = `${raw.method.toUpperCase()} ${raw.path}`
  const op = raw.operation
  const sourced = mergedParameters(raw, where, ctx)
  const parameters = sourced.map(({ parameter }) => parameter)
  assignInputNames(parameters)
  const sourcedBody = requestBody(raw, where, ctx)
  const body = sourcedBody?.body
  if (body && raw.method === 'get') ctx.warnings.push(`${where}: a GET with a request body; kept, though many servers ignore it`)
  if (isObject(op.callbacks)) ctx.warnings.push(`${where}: callbacks are not supported; ignored`)
  // All of the operation's schemas share one budget (finite-schema.ts): the parameters', each
  // distinct body schema's, then the success response's. `undefined` marks "none".
  const bodySources = [...(sourcedBody?.sources ?? new Map<string, unknown>()).entries()]
  const responseSource = successSource(raw)
  const finite = finiteSchemas(
    [...sourced.map(({ source }) => source), ...bodySources.map(([, source]) => source), responseSource],
    ctx.names,
    ctx.cache,
    ctx.schemaBudget,
  )
  const parameterSchemas = sourced.map(({ source }, index) => (source === undefined ? undefined : finite[index]))
  const bodySchemas = finite.slice(sourced.length, sourced.length + bodySources.length)
  const responseSchema = responseSource === undefined ? undefined : finite[finite.length - 1]
  if (body && bodySources.length > 1) {
    body.otherSchemas = Object.fromEntries(bodySources.slice(1).map(([type], index) => [type, bodySchemas[index + 1] ?? {}]))
  }
  const security = op.security !== undefined ? op.security : ctx.globalSecurity
  const spec: OperationSpec = {
    method: raw.method,
    path: raw.path,
    tags: Array.isArray(op.tags) ? op.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    deprecated: op.deprecated === true,
    parameters,
    security: securityNames(security, ctx.warnings, where),
  }
  const operationId = text(op.operationId)
  if (operationId) spec.operationId = operationId
  const summary = text(op.summary) ?? text(raw.pathItem.summary)
  if (summary) spec.summary = summary
  const description = text(op.description) ?? text(raw.pathItem.description)
  if (description) spec.description = description
  if (body) spec.body = body
  if (operationServers && operationServers.length > 0) spec.servers = operationServers
  const bodySchema = bodySources[0]?.[1] === undefined ? undefined : bodySchemas[0]
  return { spec, inputSchema: inputSchemaFor(parameters, parameterSchemas, body, bodySchema), outputSchema: outputSchemaFor(responseSchema) }
}
