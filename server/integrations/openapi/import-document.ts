// An OpenAPI description (JSON or YAML text; Swagger 2.0, OpenAPI 3.0 or 3.1) → one tool per
// operation. Runs in Bun and workerd alike: the only I/O is the optional fetch of external `$ref`
// files on the description's own origin, through the caller's guarded fetch.
import { AppError } from '~/server/http/app-error'
import type { GuardedFetch } from '~/server/net/guarded-fetch'
import { convertOperation, type RawOperation } from './convert-operation'
import { dereferenceDocument } from './dereference-document'
import { createSchemaCache, TOOL_SCHEMA_BUDGET } from './finite-schema'
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

/** Characters of tool JSON one description may produce: one import cannot fill memory or the database. */
export const MAX_DESCRIPTION_TOOL_JSON = 256 * 1024 * 1024

/** Operations converted between progress reports (and between yields to the event loop). */
const PROGRESS_EVERY = 200

export type ImportProgress = { phase: 'parsing' | 'resolving' | 'converting' | 'done'; done?: number; total?: number }

export type ImportOptions = {
  /** resolves relative server URLs (and is the fallback server) */
  baseUrl?: string
  /** where the description came from (after redirects): external `$ref`s on its origin are fetched with `fetch` */
  sourceUrl?: string
  fetch?: GuardedFetch
  signal?: AbortSignal
  onProgress?: (progress: ImportProgress) => void
  /** overrides MAX_DESCRIPTION_TOOL_JSON and TOOL_SCHEMA_BUDGET (tests) */
  budgets?: { descriptionToolJson?: number; toolSchema?: number }
}

const mib = (chars: number) => `${(chars / 1024 / 1024).toFixed(1)} MiB`
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export async function importOpenApi(text: string, options: ImportOptions = {}): Promise<ImportedDescription> {
  if (typeof text !== 'string') throw new AppError('BAD_REQUEST', 'The OpenAPI description must be text')
  const { signal, onProgress } = options
  signal?.throwIfAborted()
  const warnings: string[] = []
  onProgress?.({ phase: 'parsing' })
  const declared: { version?: string } = {}
  const doc = parseDocument(text, warnings, declared)
  signal?.throwIfAborted()
  onProgress?.({ phase: 'resolving' })
  const names = await dereferenceDocument(doc, warnings, {
    sourceUrl: options.sourceUrl,
    fetch: options.fetch,
    signal,
    onFile: (fetched) => onProgress?.({ phase: 'resolving', done: fetched }),
  })
  signal?.throwIfAborted()
  const info = isObject(doc.info) ? doc.info : {}
  const paths = isObject(doc.paths) ? doc.paths : {}
  if (isObject(doc.webhooks) && Object.keys(doc.webhooks).length > 0) {
    warnings.push(`${Object.keys(doc.webhooks).length} webhooks are described; webhooks are not tools and were skipped`)
  }
  const raws = rawOperations(paths, warnings)
  if (raws.length === 0) warnings.push('the description has no operations')

  const ctx = { names, cache: createSchemaCache(), warnings, globalSecurity: doc.security, schemaBudget: options.budgets?.toolSchema ?? TOOL_SCHEMA_BUDGET }
  const named = raws.map((raw) => {
    const operationId = typeof raw.operation.operationId === 'string' ? raw.operation.operationId : undefined
    const tags = Array.isArray(raw.operation.tags) ? raw.operation.tags.filter((tag): tag is string => typeof tag === 'string') : []
    const group = groupName(tags, raw.path)
    return { method: raw.method, path: raw.path, group, operation: operationName(operationId, raw.method, raw.path, group) }
  })
  const toolPaths = assignToolPaths(named)

  const toTool = (raw: RawOperation, index: number): ToolDefinition => {
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
  }

  // Past the budget the import fails, but conversion goes on (keeping no tools) to say by how much.
  const budget = options.budgets?.descriptionToolJson ?? MAX_DESCRIPTION_TOOL_JSON
  const tools: ToolDefinition[] = []
  let toolJson = 0
  onProgress?.({ phase: 'converting', done: 0, total: raws.length })
  for (let index = 0; index < raws.length; index++) {
    if (index > 0 && index % PROGRESS_EVERY === 0) {
      onProgress?.({ phase: 'converting', done: index, total: raws.length })
      // Lets an abort, a progress message or another request through during a long conversion.
      await nextTurn()
      signal?.throwIfAborted()
    }
    const tool = toTool(raws[index] as RawOperation, index)
    toolJson += JSON.stringify(tool).length
    if (toolJson <= budget) tools.push(tool)
  }
  if (toolJson > budget) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The OpenAPI description is too large: its ${raws.length} operations make ${mib(toolJson)} of tool JSON, ${mib(toolJson - budget)} over the ${mib(budget)} one description may use`,
    )
  }
  onProgress?.({ phase: 'converting', done: raws.length, total: raws.length })

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
  onProgress?.({ phase: 'done' })
  return result
}
