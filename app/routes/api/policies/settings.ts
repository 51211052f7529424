import { createFileRoute } from '@tanstack/react-router'
import { readJsonBody } from '~/server/http/json-body'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { requirePrincipal } from '~/server/http/require'
import { ApprovalSettingsPatchSchema } from '~/server/policies/approval-settings.schema'
import { readApprovalSettings, writeApprovalSettings } from '~/server/policies/approval-settings'

// The approval settings: read (any member), change any of them (admins); answers the settings in full.
export const Route = createFileRoute('/api/policies/settings')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ request, context: { platform } }) => {
        await requirePrincipal(platform, request)
        return Response.json(await readApprovalSettings(platform.db))
      },
      PUT: async ({ request, context: { platform } }) => {
        const actor = await requirePrincipal(platform, request, 'admin')
        const patch = await readJsonBody(request, ApprovalSettingsPatchSchema)
        return Response.json(await writeApprovalSettings(platform.db, actor, patch, platform.now()))
      },
    },
  },
})
