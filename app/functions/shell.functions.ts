import { createServerFn } from '@tanstack/react-start'
import { getOverview, getShell } from '~/server/overview/overview'

export const getShellFn = createServerFn({ method: 'GET' }).handler(({ context }) =>
  getShell(context.platform),
)

export const getOverviewFn = createServerFn({ method: 'GET' }).handler(({ context }) =>
  getOverview(context.platform),
)
