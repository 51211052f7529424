// A schema's root fields as tools: names, input schemas, default selections, annotations.
import { buildSchema } from 'graphql'
import { expect, test } from 'vitest'
import { toolsFromSchema } from './convert-schema'
import { defaultSelection } from './default-selection'
import { FIXTURE_SDL } from './graphql-fixture'
import { MAX_INPUT_DEPTH } from './input-schema'
import { assignSegments } from './schema-names'

const schema = buildSchema(FIXTURE_SDL)
const convert = (sdl = FIXTURE_SDL) => {
  const warnings: string[] = []
  const tools = toolsFromSchema(buildSchema(sdl), warnings)
  return { tools, warnings, byPath: new Map(tools.map((tool) => [tool.path, tool])) }
}

test('query and mutation fields become query.<field> and mutation.<field>; subscriptions are ignored with one warning', () => {
  const { tools, warnings } = convert()
  expect(tools.map((tool) => tool.path)).toEqual([
    'query.repo', 'query.repos', 'query.node', 'query.actor', 'query.viewer', 'query.health', 'query.now',
    'mutation.createRepo', 'mutation.starRepo', 'mutation.deleteRepo',
  ])
  expect(warnings).toEqual([expect.stringMatching(/^1 subscription field ignored: subscriptions are not supported/)])
})

test('queries are read-only, mutations destructive; descriptions come from the schema', () => {
  const { byPath } = convert()
  expect(byPath.get('query.repo')).toMatchObject({ title: 'query repo', description: 'A repository by its id', annotations: { readOnlyHint: true } })
  expect(byPath.get('mutation.deleteRepo')).toMatchObject({ annotations: { destructiveHint: true } })
  expect(byPath.get('query.viewer')?.description).toBe('The viewer query field; returns User!.')
})

test('arguments become the input schema: scalars, enums, input objects, lists, defaults, required', () => {
  const { byPath } = convert()
  const create = byPath.get('mutation.createRepo')?.inputSchema as Record<string, any>
  expect(create.required).toEqual(['input'])
  expect(create.properties.input).toMatchObject({
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      status: { type: 'string', enum: ['OPEN', 'ARCHIVED'], default: 'OPEN', description: 'ARCHIVED: No longer maintained' },
      topics: { type: 'array', items: { type: 'string' } },
    },
  })
  expect(create.properties.select.description).toContain('Default: { id name status stars createdAt owner { id login name createdAt repos { id name status stars createdAt } } }')
  const repos = byPath.get('query.repos')?.inputSchema as Record<string, any>
  expect(repos.required).toBeUndefined()
  expect(repos.properties.first).toEqual({ type: 'integer', default: 10 })
  // the recursive input object is cut where it repeats
  expect(repos.properties.filter.properties.and).toEqual({ type: 'object', description: 'both this filter and that one. A RepoFilter (recursive: the same fields as the enclosing RepoFilter)' })
  const repo = byPath.get('query.repo')?.inputSchema as Record<string, any>
  expect(repo.properties.id).toEqual({ type: 'string', description: 'An ID' })
  expect(repo.required).toEqual(['id'])
  expect((byPath.get('query.now')?.inputSchema as Record<string, any>).properties).toEqual({}) // a scalar result takes no selection
  expect(byPath.get('query.now')?.operation).toMatchObject({ selection: '', returnType: 'DateTime!' })
})

test('custom scalars are strings named in the description; deep input objects are described, not spelled out', () => {
  const levels = Array.from({ length: MAX_INPUT_DEPTH + 2 }, (_, i) => `input L${i} { next: L${i + 1} value: Stamp }`).join('\n')
  const { byPath } = convert(`scalar Stamp @specifiedBy(url: "https://example.com/stamp")\n${levels}\ninput L${MAX_INPUT_DEPTH + 2} { v: Int }\ntype Query { deep(l: L0, at: Stamp!): Int }`)
  const input = byPath.get('query.deep')?.inputSchema as Record<string, any>
  expect(input.properties.at).toEqual({ type: 'string', description: 'A Stamp (custom scalar: specified by https://example.com/stamp)' })
  let level = input.properties.l
  for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) level = level.properties.next
  expect(level.properties.next).toEqual({ type: 'object', description: `A L${MAX_INPUT_DEPTH} input object (nested too deeply to spell out here; its fields are in the GraphQL schema)` })
})

test('the operation stores what a call needs', () => {
  const { byPath } = convert()
  expect(byPath.get('mutation.starRepo')?.operation).toEqual({
    operationType: 'mutation',
    field: 'starRepo',
    args: [
      { name: 'id', type: 'ID!', required: true },
      { name: 'times', type: 'Int', required: false },
    ],
    returnType: 'Repo!',
    selection: "{ id name status stars createdAt owner { id login name createdAt repos { id name status stars createdAt } } }",
    selectKey: 'select',
  })
})

test('default selections: leaves, two levels of objects, no fields needing arguments, no deprecated ones, __typename on abstract types', () => {
  const type = (name: string) => schema.getQueryType()!.getFields()[name]!.type
  // Repo.topics needs `first`; oldName is deprecated; User.repos is the third level down from repos
  expect(defaultSelection(type('repos'))).toBe('{ id name status stars createdAt owner { id login name createdAt repos { id name status stars createdAt } } }')
  expect(defaultSelection(type('node'))).toBe('{ __typename id }')
  // Bot.name is String!, User.name String: one response key cannot have both types
  expect(defaultSelection(type('actor'))).toBe('{ __typename ... on User { id login name createdAt } ... on Bot { version } }')
  expect(defaultSelection(type('now'))).toBe('')
  expect(defaultSelection(type('repos'), { depth: 0, maxFields: 3, fragments: true })).toBe('{ id name status }')
})

test('a union whose members share a field name with different types still gets a default selection that validates', () => {
  const { byPath, warnings } = convert('type A { id: ID! x: Int }\ntype B { id: Int! x: Int }\nunion U = A | B\ntype Query { u: U }')
  expect(byPath.get('query.u')?.operation).toMatchObject({ selection: '{ __typename ... on A { id x } ... on B { x } }' })
  expect(warnings).toEqual([])
})

test('an argument called select moves the selection to _select; colliding names get numbered', () => {
  const { byPath } = convert('type T { a: Int }\ntype Query { pick(select: String): T }')
  const input = byPath.get('query.pick')?.inputSchema as Record<string, any>
  expect(Object.keys(input.properties)).toEqual(['select', '_select'])
  expect(byPath.get('query.pick')?.operation).toMatchObject({ selectKey: '_select' })
  expect(assignSegments(['constructor', 'a-b', 'a_b'])).toEqual(new Map([['a-b', 'a_b'], ['a_b', 'a_b_2'], ['constructor', 'constructor_']]))
})
