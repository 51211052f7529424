// The document a call sends: arguments only ever as variables, the agent's selection parsed on
// its own and validated with the whole document against the schema.
import { buildSchema } from 'graphql'
import { expect, test } from 'vitest'
import { ToolCallError } from '../kinds/tool-call-error'
import { buildDocument } from './build-document'
import { toolsFromSchema } from './convert-schema'
import { FIXTURE_SDL } from './graphql-fixture'
import type { GraphQlOperation } from './operation'

const schema = buildSchema(FIXTURE_SDL)
const ops = new Map(toolsFromSchema(schema, []).map((tool) => [tool.path, tool.operation]))
const op = (path: string) => ops.get(path) as GraphQlOperation
const failure = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ToolCallError)
    return (error as Error).message
  }
  throw new Error('expected a ToolCallError')
}

test('values go as variables, only for the arguments given, with the default selection', () => {
  const request = buildDocument('gh.mutation.starRepo', op('mutation.starRepo'), { id: 'R1' }, schema)
  expect(request).toEqual({
    query: 'mutation StarRepo($id: ID!) { starRepo(id: $id) { id name status stars createdAt owner { id login name createdAt repos { id name status stars createdAt } } } }',
    variables: { id: 'R1' },
    operationName: 'StarRepo',
  })
  const hostile = '") { __schema { types { name } } } #'
  const withString = buildDocument('gh.query.actor', op('query.actor'), { login: hostile }, schema)
  expect(withString.query).not.toContain(hostile)
  expect(withString.variables).toEqual({ login: hostile })
  expect(buildDocument('gh.query.now', op('query.now'), undefined, schema).query).toBe('query Now { now }')
})

test('an agent selection, with or without braces, is printed back and validated', () => {
  const request = buildDocument('gh.query.repo', op('query.repo'), { id: 'R1', select: 'name owner { login }' }, schema)
  expect(request.query).toBe('query Repo($id: ID!) { repo(id: $id) {\n  name\n  owner {\n    login\n  }\n} }')
  expect(buildDocument('gh.query.repo', op('query.repo'), { id: 'R1', select: '{ topics(first: 2) }' }, schema).query).toContain('topics(first: 2)')
})

test('a selection the schema refuses lists every validation message', () => {
  const message = failure(() => buildDocument('gh.query.repo', op('query.repo'), { id: 'R1', select: '{ name nope owner }' }, schema))
  expect(message).toContain('does not fit the GraphQL schema (nothing was sent)')
  expect(message).toContain('Cannot query field "nope" on type "Repo".')
  expect(message).toContain('Field "owner" of type "User!" must have a selection of subfields.')
})

test('a selection cannot smuggle in other operations, fragments or variables', () => {
  expect(failure(() => buildDocument('p', op('query.repo'), { id: 'R1', select: '{ id } mutation { deleteRepo(id: "R1") }' }, schema))).toContain('must be one selection set')
  expect(failure(() => buildDocument('p', op('query.repo'), { id: 'R1', select: 'id } } mutation { deleteRepo(id: "R1")' }, schema))).toContain('is not a GraphQL selection set')
  expect(failure(() => buildDocument('p', op('query.repo'), { id: 'R1', select: '{ ...F } fragment F on Repo { id }' }, schema))).toContain('must be one selection set')
  expect(failure(() => buildDocument('p', op('query.repo'), { id: 'R1', select: '{ topics(first: $n) }' }, schema))).toContain('Variable "$n" is not defined')
})

test('unknown and missing arguments are named', () => {
  expect(failure(() => buildDocument('gh.query.repo', op('query.repo'), {}, schema))).toBe('tools.gh.query.repo needs id (ID!)')
  expect(failure(() => buildDocument('gh.query.repo', op('query.repo'), { id: 'R1', ids: 2 }, schema))).toBe('tools.gh.query.repo has no argument "ids"; it takes id, select')
  expect(failure(() => buildDocument('gh.query.now', op('query.now'), { select: '{ a }' }, schema))).toContain('takes no selection set')
  expect(failure(() => buildDocument('gh.query.repo', op('query.repo'), [1], schema))).toContain('takes one object of arguments')
})

test('without a schema kept, the selection still has to parse, and the endpoint validates the rest', () => {
  expect(buildDocument('p', op('query.repo'), { id: 'R1', select: '{ nope }' }).query).toContain('nope')
})
