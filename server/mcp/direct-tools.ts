// A toolkit in direct mode: each of its tools is an MCP tool of its own (named by
// ./direct-tool-name.ts, with the tool's input schema, its output schema when that is an object
// schema, and its annotations), next to `resume`. A call is a one-call execution: the program
// `return await tools.<path>(arguments)` run by runExecution, so the guard, credentials, policies,
// approvals (inline or pause → resume) and history are the same as for `execute`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, SetLevelRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js'
import type { Principal } from '../auth/principal'
import type { CatalogEntry, ToolCatalog } from '../catalog/tool-catalog'
import { runExecution, type ExecutionDeps } from '../executions/executions'
import { AppError } from '../http/app-error'
import { pathInToolkit, toolkitMatcher } from '../toolkits/toolkit-membership'
import type { ToolkitScope } from '../toolkits/scoped-catalog'
import { elicitingAsk, supportsFormElicitation } from './approval-elicitation'
import { SERVER_INFO } from './create-mcp-server'
import { directToolName } from './direct-tool-name'
import { DEFAULT_LOG_LEVEL, notifyingObserver, type SessionLogging } from './execution-notifications'
import { requestPrincipal } from './request-principal'
import { executionSignal, executeOutput, toToolResult } from './tools/execute'
import { resume, resumeDescription, ResumeInputSchema } from './tools/resume'
import { z } from 'zod'

/** Direct mode lists at most this many tools: past it, clients and models handle tool lists badly. */
export const MAX_DIRECT_TOOLS = 200

export type DirectTool = { name: string; path: string; entry: CatalogEntry }

/** The toolkit's tools as direct tools; throws a readable AppError past MAX_DIRECT_TOOLS. */
export async function directTools(catalog: ToolCatalog, principal: Principal, toolkit: ToolkitScope): Promise<DirectTool[]> {
  const matches = toolkitMatcher(toolkit.patterns)
  const entries = await catalog.entries(principal)
  const tools = entries.flatMap((entry): DirectTool[] => {
    // A tool with no connection the caller may use cannot be called, so it is not listed.
    if (!entry.builtin && entry.connections.length === 0) return []
    // search/describe are for programs; a direct client has the tool list instead.
    if (entry.builtin && (entry.toolPath === 'search' || entry.toolPath === 'describe')) return []
    const path = pathInToolkit(matches, entry)
    return path ? [{ name: directToolName(path), path, entry }] : []
  })
  if (tools.length > MAX_DIRECT_TOOLS) {
    throw new AppError(
      'BAD_REQUEST',
      `The toolkit "${toolkit.slug}" holds ${tools.length} tools you can call; direct mode lists at most ${MAX_DIRECT_TOOLS}. Narrow its patterns, or use code mode`,
    )
  }
  return tools
}

const resumeTool: Tool = {
  name: 'resume',
  title: 'Wait for an approval',
  description: resumeDescription,
  inputSchema: z.toJSONSchema(ResumeInputSchema, { io: 'input' }) as Tool['inputSchema'],
  outputSchema: z.toJSONSchema(z.object(executeOutput)) as Tool['outputSchema'],
  annotations: { readOnlyHint: true },
}

export function createDirectServer(
  deps: ExecutionDeps & { publicOrigin: string },
  toolkit: () => ToolkitScope,
): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, logging: {} },
    instructions: `Executor's toolkit "${toolkit().slug}": each tool calls an API through Executor, which adds the credentials and applies its policies. A call that needs a person's approval answers with an approval link; then call resume({ executionId }).`,
  })
  const logging: SessionLogging = { level: DEFAULT_LOG_LEVEL }
  server.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    logging.level = request.params.level
    return {}
  })

  server.server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    const principal = requestPrincipal(extra)
    const tools = await listed(() => directTools(deps.catalog, principal, toolkit()))
    const schemas = await deps.catalog.schemas(tools.map((t) => t.entry))
    return {
      tools: [
        ...tools.map((t): Tool => {
          const schema = schemas.get(`${t.entry.slug}.${t.entry.toolPath}`)
          const output = objectSchema(schema?.outputSchema)
          return {
            name: t.name,
            ...(schema?.title ? { title: schema.title } : {}),
            description: [schema?.description || schema?.title || '', `Calls tools.${t.path}.`].filter(Boolean).join('\n\n'),
            inputSchema: (objectSchema(schema?.inputSchema) ?? { type: 'object' }) as Tool['inputSchema'],
            ...(output ? { outputSchema: output as Tool['outputSchema'] } : {}),
            annotations: (schema?.annotations ?? {}) as Tool['annotations'],
          }
        }),
        resumeTool,
      ],
    }
  })

  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const principal = requestPrincipal(extra)
    const { name, arguments: args = {} } = request.params
    if (name === 'resume') return resume(deps, principal, args, executionSignal(extra))
    const tools = await listed(() => directTools(deps.catalog, principal, toolkit()))
    const found = tools.find((t) => t.name === name)
    if (!found) throw new McpError(ErrorCode.InvalidParams, `No tool ${name} in the toolkit "${toolkit().slug}"; list the tools again`)
    const ask = supportsFormElicitation(server.server.getClientCapabilities()) ? elicitingAsk(extra) : undefined
    const observer = { ...notifyingObserver(extra, logging), signal: executionSignal(extra), ask }
    let run
    try {
      run = await runExecution(deps, principal, { code: oneCallProgram(found.path, args) }, 'mcp', observer)
    } catch (error) {
      if (error instanceof AppError && error.code === 'RATE_LIMITED') return { content: [{ type: 'text', text: `Not run: ${error.message}` }], isError: true }
      throw error
    }
    const answer = toToolResult(run, deps.publicOrigin)
    const [schema] = [...(await deps.catalog.schemas([found.entry])).values()]
    const structured = objectSchema(schema?.outputSchema) && isPlainObject(run.result) ? run.result : undefined
    // A paused call is not a result: it says where to approve and to call resume (isError, so a
    // client checking the output schema does not expect structured content).
    return {
      content: answer.content,
      ...(structured ? { structuredContent: structured } : {}),
      isError: run.status !== 'completed',
      _meta: { executionId: run.id, status: run.status },
    }
  })
  return server
}

/** The program a direct call runs: one call, its result returned as it is. */
export function oneCallProgram(path: string, args: unknown): string {
  const access = path
    .split('.')
    .map((segment) => (/^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
    .join('')
  return `return await tools${access}(${JSON.stringify(args)})`
}

async function listed<T>(list: () => Promise<T>): Promise<T> {
  try {
    return await list()
  } catch (error) {
    if (error instanceof AppError) throw new McpError(ErrorCode.InvalidRequest, error.message)
    throw error
  }
}

/** MCP tool schemas must be object schemas; anything else is not listed as one. */
function objectSchema(schema: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(schema) || schema.type !== 'object') return undefined
  return schema
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
