// GraphQL as a kind: a schema (introspected from the endpoint through the guard with the
// connection's credential, or pasted as SDL or introspection JSON) whose root query and mutation
// fields become tools, each called by POSTing one operation to the endpoint. The schema itself is
// kept on the integration (compact, see graphql/stored-schema.ts) so selection sets an agent
// writes are validated before anything is sent.
import type { GraphQLSchema } from 'graphql'
import { callField } from '../graphql/call-field'
import { toolsFromSchema } from '../graphql/convert-schema'
import { introspect } from '../graphql/introspect'
import type { GraphQlOperation } from '../graphql/operation'
import { schemaFromText } from '../graphql/parse-schema'
import { storedSchema, storedSchemaText } from '../graphql/stored-schema'
import type { Credential } from '../openapi/credentials'
import type { SecurityScheme } from '../openapi/operation'
import type { KindAdapter, SourceDocument } from './kind'

export const graphQlKind: KindAdapter = {
  async read(input, context) {
    let schema: GraphQLSchema
    let source: SourceDocument
    let servers: string[] = []
    let needsCredential = true
    if ('url' in input) {
      context.onPhase?.('Introspecting the GraphQL endpoint')
      const introspected = await introspect(input.url, { fetch: context.fetch, credential: context.credential, signal: context.signal })
      schema = introspected.schema
      source = { text: introspected.answer, contentType: 'application/json', fileSuffix: '.introspection.json' }
      servers = [input.url]
      needsCredential = context.credential !== undefined && context.credential.type !== 'none'
    } else {
      context.onPhase?.('Reading the GraphQL schema')
      schema = schemaFromText(input.document)
      source = /^\s*\{/.test(input.document)
        ? { text: input.document, contentType: 'application/json', fileSuffix: '.introspection.json' }
        : { text: input.document, contentType: 'text/plain; charset=utf-8', fileSuffix: '.graphql' }
    }
    context.onPhase?.('Converting fields to tools')
    const warnings: string[] = []
    const tools = toolsFromSchema(schema, warnings)
    const kept = storedSchemaText(schema, warnings)
    const description = schema.description ?? undefined
    return {
      title: servers[0] ? `GraphQL API at ${new URL(servers[0]).host}` : 'GraphQL API',
      version: '',
      ...(description ? { description } : {}),
      servers,
      securitySchemes: schemesOf(context.credential),
      tools,
      warnings,
      needsCredential,
      ...(kept !== undefined ? { schema: kept } : {}),
      source,
    }
  },

  call(tool, args, context) {
    const operation = tool.operation as GraphQlOperation
    return callField(tool.path, operation, args, context, storedSchema(context.integrationId, context.integrationDetails))
  },
}

/** A schema says nothing about authentication: the credential that read it is the best hint for connection forms. */
function schemesOf(credential: Credential | undefined): Record<string, SecurityScheme> {
  switch (credential?.type) {
    case 'bearer':
      return { bearer: { type: 'http', scheme: 'bearer' } }
    case 'basic':
      return { basic: { type: 'http', scheme: 'basic' } }
    case 'apiKey':
      return { [credential.name]: { type: 'apiKey', in: credential.in, name: credential.name } }
    default:
      return {}
  }
}
