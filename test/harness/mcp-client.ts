// A real MCP SDK client over streamable HTTP, authenticated with an API key. With `onElicit` it
// declares form elicitation and answers the server's questions with it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js'

export type McpClientOptions = {
  onElicit?: (request: ElicitRequest['params']) => Promise<ElicitResult>
  /** the MCP URL's path: `/mcp` (default) or a toolkit's `/mcp/<slug>` */
  path?: string
  /** the transport's fetch, e.g. to send a session's requests to a server started again elsewhere */
  fetch?: typeof fetch
}

export async function connectMcp(baseUrl: string, apiKey: string, options: McpClientOptions = {}) {
  const { onElicit } = options
  const client = new Client({ name: 'executor-tests', version: '1.0.0' }, onElicit ? { capabilities: { elicitation: { form: {} } } } : {})
  if (onElicit) client.setRequestHandler(ElicitRequestSchema, (request) => onElicit(request.params))
  const transport = new StreamableHTTPClientTransport(new URL(options.path ?? '/mcp', baseUrl), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  await client.connect(transport)
  return { client, transport, close: () => client.close() }
}

/** A bare `tools/list` on an existing session, for tests of what the server answers to a session id. */
export function postToolsList(baseUrl: string, sessionId: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-06-18',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  })
}
