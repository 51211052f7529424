import { createFileRoute } from '@tanstack/react-router'
import { requireIntegration } from '~/server/integrations/integrations'
import { sourceDownload } from '~/server/integrations/source-blob'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

// The document the integration's last import read (OpenAPI text, GraphQL introspection, MCP tool list), as a file.
export const Route = createFileRoute('/api/integrations/$id/source')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        await requirePrincipal(platform, request)
        const row = await requireIntegration(platform.db, params.id)
        return sourceDownload(platform.blobs, row)
      },
    },
  },
})
