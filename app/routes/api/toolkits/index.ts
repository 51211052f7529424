import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { AddToolkitSchema } from '~/server/toolkits/toolkit.schema'
import { addToolkit, listToolkits } from '~/server/toolkits/toolkits'

// GET /api/toolkits: every toolkit (any member). POST /api/toolkits: add one (admins).
export const Route = createFileRoute('/api/toolkits/')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json({ toolkits: await listToolkits(platform.db) })
      },
      POST: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const input = await readJsonBody(request, AddToolkitSchema)
        return Response.json(await addToolkit(platform.db, actor, input, platform.now()), { status: 201 })
      },
    },
  },
})
