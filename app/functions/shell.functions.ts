import { createServerFn } from '@tanstack/react-start'
import { getOverview, getShell } from '~/server/overview/overview'
import { requireRole } from './auth.middleware'

/** Public: the org name also heads the sign-in and setup pages. */
export const getShellFn = createServerFn({ method: 'GET' }).handler(({ context }) =>
  getShell(context.platform),
)

export const getOverviewFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(({ context }) => getOverview(context.platform))
