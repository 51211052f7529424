import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { UpdateToolkitSchema } from '~/server/toolkits/toolkit.schema'
import { getToolkit, removeToolkit, updateToolkit } from '~/server/toolkits/toolkits'

// One toolkit: read (any member), change or remove (admins).
export const Route = createFileRoute('/api/toolkits/$id')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, params, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json(await getToolkit(platform.db, params.id))
      },
      PATCH: async ({ request, params, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const patch = await readJsonBody(request, UpdateToolkitSchema)
        return Response.json(await updateToolkit(platform.db, actor, params.id, patch, platform.now()))
      },
      DELETE: async ({ request, params, context: { platform } }) => {
        await removeToolkit(platform.db, await requirePrincipal(platform, request, 'admin'), params.id, platform.now())
        return new Response(null, { status: 204 })
      },
    },
  },
})
