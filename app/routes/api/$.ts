// Unknown /api/* paths answer JSON, never the HTML shell: API clients parse the body.
import { createFileRoute } from '@tanstack/react-router'
import { AppError } from '~/server/http/app-error'

const notFound = ({ request }: { request: Request }): Response => {
  throw new AppError('NOT_FOUND', `No API route for ${request.method} ${new URL(request.url).pathname}`)
}

export const Route = createFileRoute('/api/$')({
  server: {
    handlers: { ANY: notFound },
  },
})
