// A real MCP SDK client over streamable HTTP, authenticated with an API key.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

export async function connectMcp(baseUrl: string, apiKey: string) {
  const client = new Client({ name: 'executor-tests', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  })
  await client.connect(transport)
  return { client, transport, close: () => client.close() }
}
