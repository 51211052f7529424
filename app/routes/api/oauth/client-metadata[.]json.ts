import { createFileRoute } from '@tanstack/react-router'
import { clientMetadataDocument } from '~/server/connections/oauth/client'
import { methodNotAllowed } from '~/server/http/method-not-allowed'

// Executor's OAuth client ID metadata document: its URL is the client ID Executor uses at
// authorization servers that accept such documents (no registration needed).
export const Route = createFileRoute('/api/oauth/client-metadata.json')({
  server: {
    handlers: {
      ANY: methodNotAllowed,
      GET: ({ context: { platform } }) =>
        Response.json(clientMetadataDocument(platform.publicOrigin), { headers: { 'cache-control': 'public, max-age=300' } }),
    },
  },
})
