import { createFileRoute } from '@tanstack/react-router'
import { checkHealth } from '~/server/health/check-health'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

export const Route = createFileRoute('/api/health')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: async ({ context }) => {
        const health = await checkHealth(context.platform.db)
        return Response.json(health, {
          status: health.status === 'ok' ? 200 : 503,
          headers: { 'cache-control': 'no-store' },
        })
      },
    },
  },
})
