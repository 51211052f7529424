// A GraphQL schema as tools: each field of the Query type becomes `query.<field>` and each field
// of the Mutation type `mutation.<field>`; subscriptions need a standing connection a tool call
// cannot hold, so they are left out with a warning. A tool's input is the field's arguments
// plus an optional selection set; its default selection is checked against the schema here,
// once, so what a call sends by default always validates.
import { getNamedType, isLeafType, parse, validate, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql'
import type { ToolInput } from '../../catalog/tool-store'
import { buildDocument } from './build-document'
import { defaultSelection, PLAIN_SELECTION_LIMITS } from './default-selection'
import { argumentsSchema, isRequired, type JsonSchema } from './input-schema'
import type { GraphQlOperation } from './operation'
import { assignSegments } from './schema-names'

export type GraphQlTool = ToolInput & { operation: GraphQlOperation }

export function toolsFromSchema(schema: GraphQLSchema, warnings: string[]): GraphQlTool[] {
  const tools: GraphQlTool[] = []
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const
  for (const [operationType, root] of roots) {
    if (!root) continue
    tools.push(...rootTools(schema, operationType, root, warnings))
  }
  const subscriptions = Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).length
  if (subscriptions > 0) {
    warnings.push(`${subscriptions} subscription field${subscriptions === 1 ? '' : 's'} ignored: subscriptions are not supported (a tool call cannot hold a standing connection)`)
  }
  if (tools.length === 0) warnings.push('the schema has no query or mutation fields')
  return tools
}

function rootTools(schema: GraphQLSchema, operationType: 'query' | 'mutation', root: GraphQLObjectType, warnings: string[]): GraphQlTool[] {
  const fields = root.getFields()
  const segments = assignSegments(Object.keys(fields))
  return Object.values(fields).map((field) => {
    const operation = operationFor(schema, operationType, field, warnings)
    const returns = String(field.type)
    const description = [field.description || `The ${field.name} ${operationType} field; returns ${returns}.`, field.deprecationReason ? `(Deprecated: ${field.deprecationReason})` : '']
      .filter(Boolean)
      .join(' ')
    return {
      path: `${operationType}.${segments.get(field.name) ?? field.name}`,
      title: `${operationType} ${field.name}`,
      description,
      inputSchema: inputSchemaFor(field, operation),
      outputSchema: outputSchemaFor(field),
      annotations: operationType === 'query' ? { readOnlyHint: true } : { destructiveHint: true },
      operation,
    }
  })
}

function operationFor(schema: GraphQLSchema, operationType: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, warnings: string[]): GraphQlOperation {
  let selectKey = 'select'
  while (field.args.some((arg) => arg.name === selectKey)) selectKey = `_${selectKey}`
  const operation: GraphQlOperation = {
    operationType,
    field: field.name,
    args: field.args.map((arg) => ({ name: arg.name, type: String(arg.type), required: isRequired(arg) })),
    returnType: String(field.type),
    selection: defaultSelection(field.type),
    selectKey,
  }
  // A fuller selection can be invalid (two union members' fields of one name and different
  // types); then the plain one, then only `__typename`.
  for (const fallback of [defaultSelection(field.type, PLAIN_SELECTION_LIMITS), '{ __typename }']) {
    if (operation.selection === '' || defaultValidates(schema, operation)) break
    warnings.push(`${operationType}.${field.name}: the default selection ${operation.selection} does not validate; using ${fallback}`)
    operation.selection = fallback
  }
  return operation
}

function defaultValidates(schema: GraphQLSchema, operation: GraphQlOperation): boolean {
  // Every argument given (as a variable), so the document has the shape a call's has.
  const args = Object.fromEntries(operation.args.map((arg) => [arg.name, null]))
  const { query } = buildDocument(operation.field, operation, args)
  return validate(schema, parse(query)).length === 0
}

function inputSchemaFor(field: GraphQLField<unknown, unknown>, operation: GraphQlOperation): JsonSchema {
  const schema = argumentsSchema(field.args)
  if (isLeafType(getNamedType(field.type))) return schema
  const properties = schema.properties as Record<string, JsonSchema>
  properties[operation.selectKey] = {
    type: 'string',
    description: `The GraphQL selection set to return from ${getNamedType(field.type).name}, e.g. "{ id name }" (braces optional); checked against the schema before it is sent. Default: ${operation.selection}`,
  }
  return schema
}

function outputSchemaFor(field: GraphQLField<unknown, unknown>): JsonSchema {
  return {
    type: 'object',
    description: 'The GraphQL response. GraphQL errors make the call fail instead: its error lists them with their paths, and any partial data.',
    properties: {
      data: {
        type: 'object',
        properties: { [field.name]: { description: `The result (${String(field.type)}), with the fields the selection set names` } },
      },
    },
    required: ['data'],
  }
}
