import { createFileRoute } from '@tanstack/react-router'
import { checkHealth } from '~/server/health/check-health'

export const Route = createFileRoute('/api/health')({
  server: {
    handlers: {
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
