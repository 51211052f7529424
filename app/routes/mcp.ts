import { createFileRoute } from '@tanstack/react-router'
import { handleMcp } from '~/server/mcp/handle-mcp'
import { mcpDeps } from '~/server/services'

export const Route = createFileRoute('/mcp')({
  server: {
    handlers: { ANY: ({ request, context: { platform, timing } }) => handleMcp(request, mcpDeps(platform), timing) },
  },
})
