// One MCP server per session. Tools act as the principal authenticated on the request
// they answer (./request-principal), not the one that opened the session. Tools are one file each
// under ./tools, registered with input and output schemas.
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js'
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import type { IntegrationListing } from '../catalog/tool-catalog'
import type { ExecutionDeps } from '../executions/executions'
import { DEFAULT_LOG_LEVEL, notifyingObserver, type SessionLogging } from './execution-notifications'
import { requestPrincipal } from './request-principal'
import { timingOf } from './request-timing'
import { describe, describeDescription, describeInput } from './tools/describe'
import { execute, executeDescription, executeInputFor, executionSignal, executeOutput } from './tools/execute'
import { resume, resumeDescription, resumeInput } from './tools/resume'
import { search, searchDescription, searchInput, searchOutput } from './tools/search'
import type { LimitBounds } from '../sandbox/limits'
import { elicitingAsk, supportsFormElicitation } from './approval-elicitation'

export const SERVER_INFO = { name: 'executor', title: 'Executor', version: '0.1.0' }

const executeTools = new WeakMap<McpServer, { tool: RegisteredTool; description: string; limits: LimitBounds | undefined }>()

/** Rewrites the session's `execute` description when the integrations it lists have changed. */
export function refreshExecuteDescription(server: McpServer, integrations: IntegrationListing[]): void {
  const entry = executeTools.get(server)
  if (!entry) return
  const description = executeDescription(integrations, entry.limits)
  if (description === entry.description) return
  entry.description = description
  // update() also announces tools/list_changed on the session's stream, when the client keeps one open.
  entry.tool.update({ description })
}

export function createMcpServer(deps: ExecutionDeps & { publicOrigin: string }, integrations: IntegrationListing[] = []): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: { tools: {}, logging: {} },
    instructions:
      'Executor runs your JavaScript against a typed tools SDK. Use `search`/`describe` to find tools, then `execute` one program that calls them.',
  })
  // The session's log level; replaces the SDK's own setLevel handler, which keeps levels for
  // server.sendLoggingMessage only, while execute sends on the tool call's own stream.
  const logging: SessionLogging = { level: DEFAULT_LOG_LEVEL }
  server.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    logging.level = request.params.level
    return {}
  })
  const description = executeDescription(integrations, deps.limits)
  const executeTool = server.registerTool(
    'execute',
    {
      title: 'Run code',
      description,
      inputSchema: executeInputFor(deps.limits),
      outputSchema: executeOutput,
      annotations: { openWorldHint: true },
    },
    (input, extra) => {
      // A client that can show a form is asked inline before a call that needs approval pauses.
      const ask = supportsFormElicitation(server.server.getClientCapabilities()) ? elicitingAsk(extra) : undefined
      const observer = { ...notifyingObserver(extra, logging), signal: executionSignal(extra), ask }
      return execute(deps, requestPrincipal(extra), input, observer, timingOf(extra.authInfo))
    },
  )
  executeTools.set(server, { tool: executeTool, description, limits: deps.limits })
  server.registerTool(
    'resume',
    { title: 'Wait for an approval', description: resumeDescription, inputSchema: resumeInput, outputSchema: executeOutput, annotations: { readOnlyHint: true } },
    (input, extra) => resume(deps, requestPrincipal(extra), input, executionSignal(extra)),
  )
  server.registerTool(
    'search',
    { title: 'Search tools', description: searchDescription, inputSchema: searchInput, outputSchema: searchOutput, annotations: { readOnlyHint: true } },
    (input, extra) => search(deps.catalog, requestPrincipal(extra), input),
  )
  server.registerTool(
    'describe',
    { title: 'Describe a tool', description: describeDescription, inputSchema: describeInput, annotations: { readOnlyHint: true } },
    (input, extra) => describe(deps.catalog, requestPrincipal(extra), input),
  )
  return server
}
