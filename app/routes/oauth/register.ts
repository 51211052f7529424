// RFC 7591 dynamic client registration for MCP clients: open to anyone (that is its point), and
// it registers public clients only, a bounded number per address; nothing is authorized until a
// person consents.
import { createFileRoute } from '@tanstack/react-router'
import { withHeaders } from '~/server/http/response-headers'
import { readJson } from '~/server/http/json-body'
import { registerClient } from '~/server/mcp-oauth/clients'
import { endpointCorsHeaders } from '~/server/mcp-oauth/metadata'
import { countRegistration } from '~/server/mcp-oauth/registration-limit'
import { methodNotAllowed } from '~/server/http/method-not-allowed'
import { mcpOAuthDeps } from '~/server/services'

export const Route = createFileRoute('/oauth/register')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      OPTIONS: () => new Response(null, { status: 204, headers: endpointCorsHeaders }),
      POST: async ({ request, context: { platform } }) => {
        const deps = mcpOAuthDeps(platform)
        countRegistration(request, deps.now())
        const registered = await registerClient(deps.db, await readJson(request), deps.now())
        return withHeaders(Response.json(registered, { status: 201, headers: { 'cache-control': 'no-store' } }), endpointCorsHeaders)
      },
    },
  },
})
