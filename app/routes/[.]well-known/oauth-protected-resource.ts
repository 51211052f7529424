// RFC 9728 metadata for /mcp: in the container it names Executor's own authorization server;
// on the Worker clients authenticate through Cloudflare Access.
import { createFileRoute } from '@tanstack/react-router'
import { protectedResourceResponse } from '~/server/mcp/protected-resource'

export const Route = createFileRoute('/.well-known/oauth-protected-resource')({
  server: {
    handlers: { GET: ({ context: { platform } }) => protectedResourceResponse(platform.publicOrigin, platform.identity.mcpOAuth !== undefined) },
  },
})
