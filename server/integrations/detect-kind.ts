// What a document or URL is when it is not an OpenAPI description, so the operator reads
// "this is a GraphQL schema" instead of a parser's complaint. Cheap checks on the text only.
import { AppError } from '../http/app-error'

const GRAPHQL_SDL = /^\s*(?:schema|type|extend\s+type|interface|union|enum|input|scalar|directive)\s+[A-Za-z_@{]/m
const OPENAPI_KEY = /["']?(?:openapi|swagger)["']?\s*:/

/** Throws a clear BAD_REQUEST when `text` is plainly another kind of API description. */
export function refuseOtherKinds(text: string): void {
  const head = text.slice(0, 64 * 1024)
  if (OPENAPI_KEY.test(head)) return
  if (/"__schema"\s*:/.test(head)) {
    throw new AppError('BAD_REQUEST', 'This is GraphQL introspection JSON, not an OpenAPI description; add it as a GraphQL integration instead')
  }
  if (GRAPHQL_SDL.test(head) && /\btype\s+(?:Query|Mutation)\b/.test(text)) {
    throw new AppError('BAD_REQUEST', 'This is a GraphQL schema (SDL), not an OpenAPI description; add it as a GraphQL integration instead')
  }
}
