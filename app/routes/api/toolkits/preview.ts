import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { executionDeps } from '~/server/services'
import { ToolkitPatternsSchema } from '~/server/toolkits/toolkit.schema'
import { previewToolkit } from '~/server/toolkits/toolkit-preview'

const PreviewSchema = z.object({ patterns: ToolkitPatternsSchema }).strict()

// POST /api/toolkits/preview {patterns}: how many tools (and which) those patterns hold for the caller (any member).
export const Route = createFileRoute('/api/toolkits/preview')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      POST: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request)
        const { patterns } = await readJsonBody(request, PreviewSchema)
        return Response.json(await previewToolkit(executionDeps(platform).catalog, actor, patterns))
      },
    },
  },
})
