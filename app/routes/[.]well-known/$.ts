// Unknown /.well-known/* paths answer 404 JSON, never a redirect to the console: MCP clients probe
// here for OAuth metadata after a 401 and would otherwise follow the redirect into HTML.
import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'

const notFound = ({ request }: { request: Request }): Response => {
  throw new AppError('NOT_FOUND', `No metadata at ${new URL(request.url).pathname}`)
}

export const Route = createFileRoute('/.well-known/$')({
  server: {
    handlers: { ANY: notFound },
  },
})
