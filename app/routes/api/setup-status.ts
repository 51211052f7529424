import { createFileRoute } from '@tanstack/react-router'
import { needsSetup } from '~/server/auth/owner-claim'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/setup-status')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ context: { platform } }) => {
        const setup = platform.identity.kind === 'accounts' && (await needsSetup(platform.db))
        return Response.json({ needsSetup: setup, needsSetupCode: setup && platform.identity.setupCodeRequired === true })
      },
    },
  },
})
