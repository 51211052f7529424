import { createFileRoute } from '@tanstack/react-router'
import { PreviewIntegrationSchema } from '~/server/integrations/integration.schema'
import { previewIntegration } from '~/server/integrations/integration-service'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'

export const Route = createFileRoute('/api/integrations/preview')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, PreviewIntegrationSchema)
        return Response.json(await previewIntegration(platform, input))
      },
    },
  },
})
