// An OpenAPI description (JSON or YAML text; Swagger 2.0, OpenAPI 3.0 or 3.1) → one tool per
// operation. Pure: nothing is fetched (external `$ref`s become warnings), so it runs in Bun and workerd.
import { AppError } from '~/server/http/app-error'
import { convertOperation, type RawOperation } from './convert-operation'
import { dereferenceDocument } from './dereference-document'
import { createSchemaCache } from './finite-schema'
import type { ImportedDescription, ToolDefinition } from './operation'
import { parseDocument } from './parse-document'
import { securitySchemes, serverUrls } from './servers-and-security'
import { assignToolPaths, groupName, methodOrder, operationName, type NamedOperation } from './tool-naming'

type Obj = Record<string, unknown>

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value)
const knownPathItemKeys = new Set([...methodOrder, 'parameters', 'summary', 'description', 'servers', '$ref'])

function rawOperations(paths: Obj, warnings: string[]): RawOperation[] {
  const result: RawOperation[] = []
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) {
      warnings.push(`path ${path} is not an object; skipped`)
      continue
    }
    for (const key of Object.keys(pathItem)) {
      if (!knownPathItemKeys.has(key) && !key.startsWith('x-')) warnings.push(`path ${path}: "${key}" is not supported; skipped`)
    }
    for (const method of methodOrder) {
      const operation = pathItem[method]
      if (operation === undefined) continue
      if (!isObject(operation)) {
        warnings.push(`${method.toUpperCase()} ${path} is not an object; skipped`)
        continue
      }
      result.push({ method, path, pathItem, operation })
    }
  }
  return result
}

function annotationsFor(method: string): ToolDefinition['annotations'] {
  return {
    ...(method === 'get' || method === 'head' ? { readOnlyHint: true } : {}),
    ...(method === 'delete' ? { destructiveHint: true } : {}),
    ...(['put', 'delete', 'get', 'head'].includes(method) ? { idempotentHint: true } : {}),
  }
}

export async function importOpenApi(text: string, options: { baseUrl?: string } = {}): Promise<ImportedDescription> {
  if (typeof text !== 'string') throw new AppError('BAD_REQUEST', 'The OpenAPI description must be text')
  const warnings: string[] = []
  const declared: { version?: string } = {}
  const doc = parseDocument(text, warnings, declared)
  const names = await dereferenceDocument(doc, warnings)
  const info = isObject(doc.info) ? doc.info : {}
  const paths = isObject(doc.paths) ? doc.paths : {}
  if (isObject(doc.webhooks) && Object.keys(doc.webhooks).length > 0) {
    warnings.push(`${Object.keys(doc.webhooks).length} webhooks are described; webhooks are not tools and were skipped`)
  }
  const raws = rawOperations(paths, warnings)
  if (raws.length === 0) warnings.push('the description has no operations')

  const ctx = { names, cache: createSchemaCache(), warnings, globalSecurity: doc.security }
  const named = raws.map((raw) => {
    const operationId = typeof raw.operation.operationId === 'string' ? raw.operation.operationId : undefined
    const tags = Array.isArray(raw.operation.tags) ? raw.operation.tags.filter((tag): tag is string => typeof tag === 'string') : []
    return { method: raw.method, path: raw.path, group: groupName(tags, raw.path), operation: operationName(operationId, raw.method, raw.path) }
  })
  const toolPaths = assignToolPaths(named)

  const tools = raws.map((raw, index): ToolDefinition => {
    const where = `${raw.method.toUpperCase()} ${raw.path}`
    const ownServers = raw.operation.servers ?? raw.pathItem.servers
    const servers = ownServers === undefined ? undefined : serverUrls(ownServers, options.baseUrl, warnings, where)
    const { spec, inputSchema, outputSchema } = convertOperation(raw, ctx, servers)
    const title = spec.summary ?? spec.operationId ?? where
    const description = [spec.description ?? spec.summary ?? where, spec.deprecated ? '(Deprecated.)' : '']
      .filter(Boolean)
      .join(' ')
    return {
      path: toolPaths.get(named[index] as NamedOperation) as string,
      title,
      description,
      inputSchema,
      outputSchema,
      annotations: annotationsFor(raw.method),
      operation: spec,
    }
  })

  const servers = serverUrls(doc.servers, options.baseUrl, warnings)
  if (servers.length === 0) {
    if (options.baseUrl) servers.push(new URL('/', options.baseUrl).toString().replace(/\/$/, ''))
    else warnings.push('the description names no server: a base URL must be configured')
  }
  const result: ImportedDescription = {
    title: typeof info.title === 'string' && info.title !== '' ? info.title : 'Untitled API',
    specVersion: declared.version ?? '',
    version: typeof info.version === 'string' ? info.version : String(info.version ?? ''),
    servers,
    securitySchemes: securitySchemes(doc.components, warnings),
    tools,
    warnings,
  }
  if (typeof info.description === 'string' && info.description !== '') result.description = info.description
  return result
}
