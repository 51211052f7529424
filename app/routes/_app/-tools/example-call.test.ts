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

test('no required arguments: the first one shows the shape; no properties, an empty object', () => {
  expect(exampleCall('petstore.pet.findPetsByStatus', { type: 'object', properties: { status: { type: 'string', default: 'available' }, x: { type: 'string' } } })).toBe(
    'const result = await tools.petstore.pet.findPetsByStatus({\n  status: "available"\n})\nreturn result',
  )
  expect(exampleCall('executor.echo', { type: 'object' })).toBe('const result = await tools.executor.echo({})\nreturn result')
  expect(exampleCall('x.y', undefined)).toBe('const result = await tools.x.y({})\nreturn result')
})
