import { expect, test } from 'vitest'
import { exampleCall } from './example-call'

test('required arguments, nested into a body, with typed placeholders', () => {
  const schema = {
    type: 'object',
    required: ['body'],
    properties: {
      body: {
        type: 'object',
        required: ['name', 'photoUrls', 'status'],
        properties: { name: { type: 'string', example: 'doggie' }, photoUrls: { type: 'array' }, status: { type: 'string', enum: ['available', 'sold'] }, id: { type: 'integer' } },
      },
      dryRun: { type: 'boolean' },
    },
  }
  expect(exampleCall('petstore.pet.addPet', schema)).toBe(
    'const result = await tools.petstore.pet.addPet({\n  body: {\n    name: "doggie",\n    photoUrls: [],\n    status: "available"\n  }\n})\nreturn result',
  )
})

test('no required arguments: an empty object', () => {
  expect(exampleCall('executor.echo', { type: 'object', properties: { a: { type: 'string' } } })).toBe('const result = await tools.executor.echo({})\nreturn result')
  expect(exampleCall('x.y', undefined)).toBe('const result = await tools.x.y({})\nreturn result')
})
