import { expect, test } from 'vitest'
import { detectDocument } from './detect-source'

test('pasted documents: OpenAPI, GraphQL introspection and SDL are told apart', () => {
  expect(detectDocument('openapi: 3.1.0\ninfo: {}')).toMatchObject({ kind: 'openapi', confidence: 'certain' })
  expect(detectDocument('{"swagger":"2.0"}')).toMatchObject({ kind: 'openapi', confidence: 'certain' })
  expect(detectDocument('{"data":{"__schema":{"types":[]}}}')).toMatchObject({ kind: 'graphql', confidence: 'certain' })
  expect(detectDocument('type Query { me: User }\ntype User { id: ID! }')).toMatchObject({ kind: 'graphql', confidence: 'certain' })
  expect(detectDocument('hello')).toMatchObject({ kind: 'openapi', confidence: 'guess' })
})
