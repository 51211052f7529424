// Server-function auth: every function touching private data resolves the caller
// here, with the same rules as the HTTP API (session cookie or API key, role from membership).
import { createMiddleware } from '@tanstack/react-start'
import { getRequest } from '@tanstack/react-start/server'
import type { Role } from '~/db/enums'
import { requirePrincipal } from '~/server/http/require'
import { goToSignIn } from '../lib/session-ended'
import { getSessionStateFn } from './session.functions'

export function requireRole(minimum: Role) {
  return createMiddleware({ type: 'function' })
    .client(async ({ next }) => {
      // In the browser: a call refused because the session ended leads to sign-in. A server
      // function's error arrives as its message alone, so a failed call asks whether the session
      // is still there rather than reading the error.
      try {
        return await next()
      } catch (error) {
        const session = await getSessionStateFn().catch(() => null)
        if (session && !session.principal && session.identity !== 'access') return goToSignIn()
        throw error
      }
    })
    .server(async ({ next, context }) => {
      const principal = await requirePrincipal(context.platform, getRequest(), minimum)
      return next({ context: { principal } })
    })
}
