// Defaults of real tool rows, made by the real importers and stored as JSON.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSchema } from 'graphql'
import { expect, test } from 'vitest'
import { toolsFromSchema } from '../integrations/graphql/convert-schema'
import { FIXTURE_SDL } from '../integrations/graphql/graphql-fixture'
import { convertTools } from '../integrations/mcp/convert-tools'
import { importOpenApi } from '../integrations/openapi/import-document'
import { toolDefault } from './tool-default'

const stored = (tool: { annotations: unknown; operation: unknown }) => JSON.parse(JSON.stringify({ annotations: tool.annotations, operation: tool.operation }))

test('Petstore operations: GET is allowed, POST, PUT and DELETE need approval', async () => {
  const petstore = readFileSync(join(import.meta.dirname, '../../test/fixtures/petstore-openapi.yaml'), 'utf8')
  const { tools } = await importOpenApi(petstore)
  const decide = (path: string) => toolDefault('openapi', stored(tools.find((tool) => tool.path === path)!))
  expect(decide('pet.getPetById')).toEqual({ action: 'allow', reason: 'GET operations of OpenAPI integrations are allowed by default' })
  expect(decide('pet.addPet')).toEqual({ action: 'require_approval', reason: 'POST operations of OpenAPI integrations require approval by default' })
  expect(decide('pet.updatePet')).toEqual({ action: 'require_approval', reason: 'PUT operations of OpenAPI integrations require approval by default' })
  expect(decide('pet.deletePet')).toEqual({ action: 'require_approval', reason: 'DELETE operations of OpenAPI integrations require approval by default' })
})

test.each([
  ['patch', 'require_approval'],
  ['head', 'allow'],
  ['options', 'allow'],
  [undefined, 'allow'],
])('an OpenAPI %s operation: %s', (method, action) => {
  expect(toolDefault('openapi', { annotations: {}, operation: { method } }).action).toBe(action)
})

test('GraphQL: queries are allowed, mutations need approval', () => {
  const tools = toolsFromSchema(buildSchema(FIXTURE_SDL), [])
  const decide = (path: string) => toolDefault('graphql', stored(tools.find((tool) => tool.path === path)!))
  expect(decide('query.repo')).toEqual({ action: 'allow', reason: 'GraphQL queries are allowed by default' })
  expect(decide('mutation.createRepo')).toEqual({ action: 'require_approval', reason: 'GraphQL mutations require approval by default' })
})

test('MCP: tools marked destructive need approval; unmarked, read-only or explicitly non-destructive ones are allowed', () => {
  const tools = convertTools(
    [
      { name: 'drop_table', inputSchema: { type: 'object' }, annotations: { destructiveHint: true } },
      { name: 'read_rows', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
      { name: 'append_row', inputSchema: { type: 'object' }, annotations: { destructiveHint: false } },
      { name: 'plain', inputSchema: { type: 'object' } },
    ],
    'streamable-http',
  )
  const decide = (name: string) => toolDefault('mcp', stored(tools.find((tool) => tool.path === name)!)).action
  expect(toolDefault('mcp', stored(tools.find((tool) => tool.path === 'drop_table')!))).toEqual({
    action: 'require_approval',
    reason: 'MCP tools marked destructive (destructiveHint) require approval by default',
  })
  expect([decide('read_rows'), decide('append_row'), decide('plain')]).toEqual(['allow', 'allow', 'allow'])
})

test('built-in executor tools are allowed', () => {
  expect(toolDefault('builtin', { annotations: null, operation: null })).toEqual({ action: 'allow', reason: 'built-in tools are allowed by default' })
})
