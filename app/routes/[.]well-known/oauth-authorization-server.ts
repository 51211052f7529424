// RFC 8414 metadata of Executor's authorization server for MCP clients (container only; on the
// Worker this is a JSON 404: Cloudflare Access signs people in there).
import { createFileRoute } from '@tanstack/react-router'
import { authorizationServerMetadata, metadataHeaders } from '~/server/mcp-oauth/metadata'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/.well-known/oauth-authorization-server')({
  server: {
    handlers: {
      GET: ({ context: { platform } }) =>
        Response.json(authorizationServerMetadata(mcpOAuthDeps(platform).publicOrigin), { headers: metadataHeaders }),
    },
  },
})
