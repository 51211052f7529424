import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { detectDocument, detectUrl } from '~/server/integrations/detect-source'
import { PreviewIntegrationSchema } from '~/server/integrations/integration.schema'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { guardedFetch } from '~/server/services'

// POST /api/integrations/detect {url | document}: what it is (openapi, graphql, mcp) and how sure.
export const Route = createFileRoute('/api/integrations/detect')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request, 'admin')
        const input: z.infer<typeof PreviewIntegrationSchema> = await readJsonBody(request, PreviewIntegrationSchema)
        const detection = input.url !== undefined ? await detectUrl(guardedFetch(platform), input.url) : detectDocument(input.document ?? '')
        return Response.json(detection)
      },
    },
  },
})
