// A root field's arguments as the JSON Schema of a tool's input: scalars as their JSON types,
// enums as string enums, input objects spelled out (to a depth, since input types may nest
// without end or refer to themselves), lists as arrays, non-null arguments without a default
// required. Custom scalars travel as strings (how nearly every server serializes them), with the
// scalar's name in the description so an agent knows what format is meant.
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  valueFromASTUntyped,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql'

export type JsonSchema = Record<string, unknown>

/** Input objects nested deeper than this are described, not spelled out. */
export const MAX_INPUT_DEPTH = 4

const BUILT_IN_SCALARS: Record<string, JsonSchema> = {
  Int: { type: 'integer' },
  Float: { type: 'number' },
  String: { type: 'string' },
  ID: { type: 'string', description: 'An ID' },
  Boolean: { type: 'boolean' },
}

/** The argument or input field is required: non-null and without a default. */
export function isRequired(value: GraphQLArgument | GraphQLInputField): boolean {
  return isNonNullType(value.type) && defaultOf(value) === undefined
}

/** The properties for `args`, plus `required`. */
export function argumentsSchema(args: readonly (GraphQLArgument | GraphQLInputField)[], depth = 0, enclosing: string[] = []): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const arg of args) {
    const schema = { ...typeSchema(arg.type, depth, enclosing) }
    const description = [arg.description, schema.description, arg.deprecationReason ? `Deprecated: ${arg.deprecationReason}` : undefined]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('. ')
    if (description !== '') schema.description = description
    else delete schema.description
    const fallback = defaultOf(arg)
    if (fallback !== undefined) schema.default = fallback
    properties[arg.name] = schema
    if (isRequired(arg)) required.push(arg.name)
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false }
}

function typeSchema(type: GraphQLInputType, depth: number, enclosing: string[]): JsonSchema {
  const nullable = getNullableType(type)
  if (isListType(nullable)) return { type: 'array', items: typeSchema(nullable.ofType, depth, enclosing) }
  if (isScalarType(nullable)) {
    const builtIn = BUILT_IN_SCALARS[nullable.name]
    if (builtIn) return { ...builtIn }
    const details = [nullable.description, nullable.specifiedByURL ? `specified by ${nullable.specifiedByURL}` : undefined].filter(Boolean).join('; ')
    return { type: 'string', description: `A ${nullable.name} (custom scalar${details ? `: ${details}` : ''})` }
  }
  if (isEnumType(nullable)) {
    const values = nullable.getValues()
    const described = values.filter((value) => value.description).map((value) => `${value.name}: ${value.description}`)
    return {
      type: 'string',
      enum: values.map((value) => value.name),
      ...(described.length > 0 ? { description: described.join('; ') } : {}),
    }
  }
  if (isInputObjectType(nullable)) {
    if (enclosing.includes(nullable.name)) {
      return { type: 'object', description: `A ${nullable.name} (recursive: the same fields as the enclosing ${nullable.name})` }
    }
    if (depth >= MAX_INPUT_DEPTH) {
      return { type: 'object', description: `A ${nullable.name} input object (nested too deeply to spell out here; its fields are in the GraphQL schema)` }
    }
    const schema = argumentsSchema(Object.values(nullable.getFields()), depth + 1, [...enclosing, nullable.name])
    // @oneOf input objects take exactly one of their fields.
    const oneOf = (nullable as { isOneOf?: boolean }).isOneOf === true ? { minProperties: 1, maxProperties: 1 } : {}
    return { ...schema, ...oneOf, ...(nullable.description ? { description: nullable.description } : {}) }
  }
  return {}
}

/** A default value as JSON, when the argument declares one. */
function defaultOf(value: GraphQLArgument | GraphQLInputField): unknown {
  const declared = (value as { default?: { value?: unknown; literal?: Parameters<typeof valueFromASTUntyped>[0] } }).default
  if (declared?.literal !== undefined) return valueFromASTUntyped(declared.literal)
  if (declared && 'value' in declared) return declared.value
  return (value as { defaultValue?: unknown }).defaultValue
}
