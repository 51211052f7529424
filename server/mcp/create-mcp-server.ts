// One MCP server per session, bound to the principal that opened it (SPEC §8). Tools are one
// file each under ./tools, registered with input and output schemas.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { Principal } from '../auth/principal'
import type { ExecutionDeps } from '../executions/executions'
import { describe, describeDescription, describeInput } from './tools/describe'
import { execute, executeDescription, executionSignal, executeInput, executeOutput } from './tools/execute'
import { search, searchDescription, searchInput, searchOutput } from './tools/search'

export const SERVER_INFO = { name: 'executor', title: 'Executor', version: '0.1.0' }

export function createMcpServer(deps: ExecutionDeps, principal: Principal): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: { tools: {} },
    instructions:
      'Executor runs your JavaScript against a typed tools SDK. Use `search`/`describe` to find tools, then `execute` one program that calls them.',
  })
  server.registerTool(
    'execute',
    {
      title: 'Run code',
      description: executeDescription([]),
      inputSchema: executeInput,
      outputSchema: executeOutput,
      annotations: { openWorldHint: true },
    },
    (input, extra) => execute(deps, principal, input, executionSignal(extra)),
  )
  server.registerTool(
    'search',
    { title: 'Search tools', description: searchDescription, inputSchema: searchInput, outputSchema: searchOutput, annotations: { readOnlyHint: true } },
    (input) => search(deps.catalog, input),
  )
  server.registerTool(
    'describe',
    { title: 'Describe a tool', description: describeDescription, inputSchema: describeInput, annotations: { readOnlyHint: true } },
    (input) => describe(deps.catalog, input),
  )
  return server
}
