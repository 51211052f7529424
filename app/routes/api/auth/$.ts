// Better Auth's standard endpoints (sign-up/email, sign-in/email, sign-out, get-session …).
import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'
import type { Platform } from '~/server/platform/types'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

function authHandler({ request, context }: { request: Request; context: { platform: Platform } }) {
  const handler = context.platform.identity.handler
  if (!handler) throw new AppError('NOT_FOUND', 'This Executor signs people in through Cloudflare Access')
  return handler(request)
}

export const Route = createFileRoute('/api/auth/$')({
  server: { handlers: { ANY: methodNotAllowed, GET: authHandler, POST: authHandler } },
})
