// Server-function auth: every function touching private data resolves the caller
// here, with the same rules as the HTTP API (session cookie or API key, role from membership).
import { createMiddleware } from '@tanstack/react-start'
import { getRequest } from '@tanstack/react-start/server'
import type { Role } from '~/db/enums'
import { requirePrincipal } from '~/server/http/require'

export function requireRole(minimum: Role) {
  return createMiddleware({ type: 'function' }).server(async ({ next, context }) => {
    const principal = await requirePrincipal(context.platform, getRequest(), minimum)
    return next({ context: { principal } })
  })
}
