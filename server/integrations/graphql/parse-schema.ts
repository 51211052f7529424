// A schema from the text an operator pasted or an endpoint answered: introspection JSON (the
// whole response `{ data: { __schema } }` or just `{ __schema }`) or SDL. graphql-js builds it
// and checks it; a schema it finds invalid is refused here, with the reasons, rather than at
// the first call.
import { buildClientSchema, buildSchema, validateSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql'
import { AppError } from '../../http/app-error'

const MAX_LISTED_ERRORS = 5

export function schemaFromText(text: string): GraphQLSchema {
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown
    try {
      json = JSON.parse(trimmed)
    } catch (error) {
      throw new AppError('BAD_REQUEST', `The GraphQL introspection JSON could not be parsed: ${error instanceof Error ? error.message : String(error)}`)
    }
    return schemaFromIntrospection(json)
  }
  let schema: GraphQLSchema
  try {
    schema = buildSchema(trimmed)
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The GraphQL schema (SDL) could not be read: ${messageOf(error)}`)
  }
  return checked(schema)
}

/** From an introspection result, with or without its `data` wrapper. */
export function schemaFromIntrospection(json: unknown): GraphQLSchema {
  const record = (json ?? {}) as Record<string, unknown>
  const data = (record.data ?? record) as Record<string, unknown>
  if (data === null || typeof data !== 'object' || data.__schema === null || typeof data.__schema !== 'object') {
    throw new AppError('BAD_REQUEST', 'This JSON is not a GraphQL introspection result: it has no "__schema" (nor "data.__schema")')
  }
  let schema: GraphQLSchema
  try {
    schema = buildClientSchema(data as unknown as IntrospectionQuery)
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The GraphQL introspection result could not be read: ${messageOf(error)}`)
  }
  return checked(schema)
}

function checked(schema: GraphQLSchema): GraphQLSchema {
  const errors = validateSchema(schema)
  if (errors.length > 0) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS).map((error) => error.message)
    const more = errors.length > MAX_LISTED_ERRORS ? ` (and ${errors.length - MAX_LISTED_ERRORS} more)` : ''
    throw new AppError('BAD_REQUEST', `The GraphQL schema is not valid: ${listed.join('; ')}${more}`)
  }
  return schema
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 500 ? `${message.slice(0, 500)}…` : message
}
