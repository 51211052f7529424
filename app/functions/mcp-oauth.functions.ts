import { createServerFn } from '@tanstack/react-start'
import { z } from 'zod'
import { listAuthorizedClients } from '~/server/mcp-oauth/authorized-clients'
import { consentView } from '~/server/mcp-oauth/consent'
import { mcpOAuthDeps } from '~/server/services'
import { hasRole } from '~/server/auth/principal'
import { requireRole } from './auth.middleware'

/** What the consent page shows for an authorization request (its query string). */
export const loadConsentFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .validator(z.object({ query: z.string().max(8000) }))
  .handler(({ context, data }) => consentView(mcpOAuthDeps(context.platform), context.principal, data.query))

/** The caller's authorized MCP clients, and for admins everyone's. */
export const listAuthorizedClientsFn = createServerFn({ method: 'GET' })
  .middleware([requireRole('member')])
  .handler(async ({ context }) => {
    const { db } = mcpOAuthDeps(context.platform)
    const everyone = hasRole(context.principal.role, 'admin')
    return { clients: await listAuthorizedClients(db, context.principal, everyone), everyone }
  })
