// RFC 9728 metadata for /mcp. The authorization server arrives with MCP OAuth; until then
// clients authenticate with an API key as a bearer token.
import { createFileRoute } from '@tanstack/react-router'
import { protectedResourceResponse } from '~/server/mcp/protected-resource'

export const Route = createFileRoute('/.well-known/oauth-protected-resource')({
  server: {
    handlers: { GET: ({ context: { platform } }) => protectedResourceResponse(platform.publicOrigin) },
  },
})
