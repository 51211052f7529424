// The same RFC 9728 document at the path-inserted location (`/.well-known/<name>/<resource path>`)
// that clients derive from the resource URL /mcp.
import { createFileRoute } from '@tanstack/react-router'
import { protectedResourceResponse } from '~/server/mcp/protected-resource'

export const Route = createFileRoute('/.well-known/oauth-protected-resource_/mcp')({
  server: {
    handlers: { GET: ({ context: { platform } }) => protectedResourceResponse(platform.publicOrigin, platform.identity.mcpOAuth !== undefined) },
  },
})
