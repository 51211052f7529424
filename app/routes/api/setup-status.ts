import { createFileRoute } from '@tanstack/react-router'
import { needsSetup } from '~/server/auth/owner-claim'

export const Route = createFileRoute('/api/setup-status')({
  server: {
    handlers: {
      GET: async ({ context: { platform } }) =>
        Response.json({ needsSetup: platform.identity.kind === 'accounts' && (await needsSetup(platform.db)) }),
    },
  },
})
