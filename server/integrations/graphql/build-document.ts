// The document one call sends: `query Field($a: T!, …) { field(a: $a, …) <selection> }`, with
// the agent's argument values ALWAYS passed as variables (never written into the document), and
// only the arguments the agent gave (the others keep the server's defaults). An agent's own
// selection set is parsed on its own and printed back, so it can only ever be one selection
// set; with the schema at hand the whole document is validated here, and a document the schema
// refuses is never sent.
import { parse, print, validate, type GraphQLSchema, type SelectionSetNode } from 'graphql'
import { ToolCallError } from '../kinds/tool-call-error'
import type { GraphQlOperation } from './operation'

export type GraphQlRequest = { query: string; variables: Record<string, unknown>; operationName: string }

const MAX_LISTED_ERRORS = 10

/** Builds (and, given the schema, validates) the request for `args`; throws ToolCallError for the agent. */
export function buildDocument(toolPath: string, op: GraphQlOperation, args: unknown, schema?: GraphQLSchema): GraphQlRequest {
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args))) {
    throw new ToolCallError(`tools.${toolPath} takes one object of arguments`)
  }
  const input = (args ?? {}) as Record<string, unknown>
  const known = new Map(op.args.map((arg) => [arg.name, arg]))
  for (const key of Object.keys(input)) {
    if (key !== op.selectKey && !known.has(key)) {
      const names = [...known.keys(), ...(op.selection === '' ? [] : [op.selectKey])]
      throw new ToolCallError(`tools.${toolPath} has no argument "${key}"; it takes ${names.length > 0 ? names.join(', ') : 'no arguments'}`)
    }
  }
  const missing = op.args.filter((arg) => arg.required && input[arg.name] === undefined)
  if (missing.length > 0) {
    throw new ToolCallError(`tools.${toolPath} needs ${missing.map((arg) => `${arg.name} (${arg.type})`).join(', ')}`)
  }

  const given = op.args.filter((arg) => input[arg.name] !== undefined)
  const variables = Object.fromEntries(given.map((arg) => [arg.name, input[arg.name]]))
  const select = input[op.selectKey]
  let selection = op.selection
  let agentSelection = false
  if (select !== undefined) {
    if (typeof select !== 'string') throw new ToolCallError(`${op.selectKey} is a GraphQL selection set as a string, e.g. "{ id name }"`)
    if (op.selection === '') throw new ToolCallError(`${op.field} returns ${op.returnType}, which takes no selection set; leave ${op.selectKey} out`)
    selection = print(parseSelection(select, op.selectKey))
    agentSelection = true
  }

  const operationName = `${op.field.charAt(0).toUpperCase()}${op.field.slice(1)}`
  const definitions = given.map((arg) => `$${arg.name}: ${arg.type}`).join(', ')
  const passed = given.map((arg) => `${arg.name}: $${arg.name}`).join(', ')
  const query =
    `${op.operationType} ${operationName}${definitions ? `(${definitions})` : ''} ` +
    `{ ${op.field}${passed ? `(${passed})` : ''}${selection ? ` ${selection}` : ''} }`

  if (schema && agentSelection) {
    const errors = validationErrors(schema, query)
    if (errors.length > 0) {
      const listed = errors.slice(0, MAX_LISTED_ERRORS).map((error) => `- ${error.message}`)
      if (errors.length > MAX_LISTED_ERRORS) listed.push(`- and ${errors.length - MAX_LISTED_ERRORS} more`)
      throw new ToolCallError(`The ${op.selectKey} of tools.${toolPath} does not fit the GraphQL schema (nothing was sent):\n${listed.join('\n')}`)
    }
  }
  return { query, variables, operationName }
}

/**
 * Validation results by schema and query text. Whether a document fits a schema depends on those
 * two alone, and programs repeat the same selection in a loop: each pair is validated once.
 */
const validated = new WeakMap<GraphQLSchema, Map<string, readonly { message: string }[]>>()
const VALIDATED_PER_SCHEMA = 500

function validationErrors(schema: GraphQLSchema, query: string): readonly { message: string }[] {
  let bySchema = validated.get(schema)
  if (!bySchema) validated.set(schema, (bySchema = new Map()))
  let errors = bySchema.get(query)
  if (!errors) {
    errors = validate(schema, parse(query)).map((error) => ({ message: error.message }))
    if (bySchema.size >= VALIDATED_PER_SCHEMA) bySchema.delete(bySchema.keys().next().value as string)
    bySchema.set(query, errors)
  }
  return errors
}

/** `{ id name }` or `id name` as one selection set node; anything else is refused. */
export function parseSelection(text: string, selectKey = 'select'): SelectionSetNode {
  const trimmed = text.trim()
  const braced = trimmed.startsWith('{') ? trimmed : `{ ${trimmed} }`
  let definitions
  try {
    definitions = parse(braced, { noLocation: true }).definitions
  } catch (error) {
    throw new ToolCallError(`${selectKey} is not a GraphQL selection set: ${error instanceof Error ? error.message : String(error)}`)
  }
  const [only] = definitions
  if (definitions.length !== 1 || only?.kind !== 'OperationDefinition' || only.name || (only.variableDefinitions?.length ?? 0) > 0 || (only.directives?.length ?? 0) > 0) {
    throw new ToolCallError(`${selectKey} must be one selection set such as "{ id name owner { login } }", nothing around it`)
  }
  return only.selectionSet
}
