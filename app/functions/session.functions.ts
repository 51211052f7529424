import { createServerFn } from '@tanstack/react-start'
import { getRequest } from '@tanstack/react-start/server'
import { getSessionState } from '~/server/auth/session-state'

/** Who is signed in (if anyone) and whether the owner still has to be claimed; for redirects. */
export const getSessionStateFn = createServerFn({ method: 'GET' }).handler(({ context }) =>
  getSessionState(context.platform, getRequest()),
)
