import { expect, test } from 'vitest'
import { refuseOtherKinds } from './detect-kind'

test('GraphQL introspection and SDL are named as such', () => {
  expect(() => refuseOtherKinds('{"data":{"__schema":{"types":[]}}}')).toThrow('GraphQL introspection JSON')
  expect(() => refuseOtherKinds('schema { query: Query }\ntype Query { me: User }\ntype User { id: ID! }')).toThrow('GraphQL schema (SDL)')
})

test('OpenAPI documents pass, even ones whose text mentions GraphQL words', () => {
  expect(() => refuseOtherKinds('openapi: 3.1.0\ninfo: { title: "type Query { x }", version: "1" }\npaths: {}')).not.toThrow()
  expect(() => refuseOtherKinds('{"swagger":"2.0","definitions":{"__schema":{}}}')).not.toThrow()
  expect(() => refuseOtherKinds('not: an api')).not.toThrow()
})
