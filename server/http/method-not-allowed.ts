import { AppError } from './app-error'

/**
 * Every API route's `ANY` handler: without it Start hands an unserved method to the page
 * router, which answers API clients with HTML or a redirect to /login.
 */
export function methodNotAllowed({ request }: { request: Request }): never {
  throw new AppError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${new URL(request.url).pathname}`)
}
