// The consent step: what the page shows, and the person's answer. Only a signed-in browser
// session may answer (not an API key or another client's token), and the request is checked
// again, since its query travelled through the browser.
import { z } from 'zod'
import type { Principal } from '../auth/principal'
import { AppError } from '../http/app-error'
import type { McpOAuthDeps } from '../services'
import { checkAuthorizationRequest, deniedRedirect } from './authorization-request'
import { approveAuthorization, redirectHost } from './tokens'

export const ConsentDecisionSchema = z.object({
  /** the query string of the authorization request, as the consent page received it */
  query: z.string().max(8000),
  approve: z.boolean(),
})

export type ConsentView =
  | {
      ok: true
      client: { name: string; id: string; kind: 'registered' | 'metadata_document'; clientUri: string | null }
      redirectHost: string
      account: { name: string; email: string }
    }
  | { ok: false; message: string }

export async function consentView(deps: McpOAuthDeps, actor: Principal, query: string): Promise<ConsentView> {
  const check = await checkAuthorizationRequest(deps, new URLSearchParams(query))
  if (!check.ok) return { ok: false, message: check.error.message }
  const { client, redirectUri } = check.request
  return {
    ok: true,
    client: { name: client.name, id: client.id, kind: client.kind, clientUri: client.clientUri },
    redirectHost: redirectHost(redirectUri),
    account: { name: actor.name, email: actor.email },
  }
}

/** Where the browser goes next: the client's redirect URI with a code, or with access_denied. */
export async function decideConsent(deps: McpOAuthDeps, actor: Principal, input: z.output<typeof ConsentDecisionSchema>) {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN', 'Only a person signed in to the console can authorize an MCP client')
  const check = await checkAuthorizationRequest(deps, new URLSearchParams(input.query))
  if (!check.ok) throw check.error
  const redirectTo = input.approve ? await approveAuthorization(deps, actor, check.request) : deniedRedirect(check.request, deps.issuer)
  return { redirectTo }
}
