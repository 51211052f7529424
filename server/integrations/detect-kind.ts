// What a document or URL is when it is not an OpenAPI description, so the operator reads
// "this is a GraphQL schema" instead of a parser's complaint. Cheap checks on the text only.
import { AppError } from '../http/app-error'
import { declaresOpenApi, isGraphQlIntrospection, isGraphQlSdl } from './detect-source'

/** Throws a clear BAD_REQUEST when `text` is plainly another kind of API description. */
export function refuseOtherKinds(text: string): void {
  if (declaresOpenApi(text)) return
  if (isGraphQlIntrospection(text)) {
    throw new AppError('BAD_REQUEST', 'This is GraphQL introspection JSON, not an OpenAPI description; add it as a GraphQL integration instead')
  }
  if (isGraphQlSdl(text)) {
    throw new AppError('BAD_REQUEST', 'This is a GraphQL schema (SDL), not an OpenAPI description; add it as a GraphQL integration instead')
  }
}
