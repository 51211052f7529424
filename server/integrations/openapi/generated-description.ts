// Test- and bench-only (never imported by the app): a large, realistic OpenAPI 3.0 description
// of `resources × 10` operations: tags, path/query/header parameters (shared ones by $ref),
// request bodies and responses that $ref component schemas, which $ref shared schemas
// (Money, Address, Metadata…) and a related resource, so the graph has cycles.

const VERBS = ['list', 'create', 'get', 'update', 'replace', 'delete', 'archive', 'restore', 'search', 'export'] as const

function resourceSchema(i: number, resources: number) {
  const related = `Resource${(i * 7 + 1) % resources}`
  return {
    type: 'object',
    description: `A resource of kind ${i}: what it is, how it relates to ${related}, and which fields the server sets.`,
    required: ['id', 'name'],
    properties: {
      id: { type: 'string', readOnly: true, description: 'Unique identifier, set by the server.' },
      name: { type: 'string', maxLength: 200, description: 'Display name.' },
      status: { type: 'string', enum: ['draft', 'active', 'archived'], description: 'Lifecycle status.' },
      amount: { $ref: '#/components/schemas/Money' },
      address: { $ref: '#/components/schemas/Address' },
      metadata: { $ref: '#/components/schemas/Metadata' },
      owner: { $ref: '#/components/schemas/User' },
      related: { $ref: `#/components/schemas/${related}` },
      tags: { type: 'array', items: { type: 'string' }, description: 'Free-form labels.' },
      createdAt: { type: 'string', format: 'date-time', readOnly: true },
      updatedAt: { type: 'string', format: 'date-time', nullable: true, readOnly: true },
    },
  }
}

const shared = {
  Money: { type: 'object', required: ['value', 'currency'], properties: { value: { type: 'integer', description: 'Amount in minor units.' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } },
  Address: {
    type: 'object',
    properties: {
      line1: { type: 'string' },
      line2: { type: 'string', nullable: true },
      city: { type: 'string' },
      postalCode: { type: 'string' },
      country: { type: 'string', description: 'ISO 3166-1 alpha-2 code.' },
    },
  },
  Metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 500 }, description: 'Up to 50 key-value pairs.' },
  User: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' }, manager: { $ref: '#/components/schemas/User' } } },
  Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { $ref: '#/components/schemas/Error' } } } },
}

/** An OpenAPI 3.0 description (as an object) with `resources * 10` operations. */
export function generatedDescription(resources: number) {
  const paths: Record<string, unknown> = {}
  const schemas: Record<string, unknown> = { ...shared }
  const ok = (schema: unknown) => ({ description: 'OK', content: { 'application/json': { schema } } })
  const errors = { default: { $ref: '#/components/responses/Error' } }
  for (let i = 0; i < resources; i++) {
    const name = `Resource${i}`
    schemas[name] = resourceSchema(i, resources)
    const ref = { $ref: `#/components/schemas/${name}` }
    const body = { required: true, content: { 'application/json': { schema: ref } } }
    const id = { $ref: '#/components/parameters/Id' }
    const base = `/v1/resource-${i}`
    const op = (verb: (typeof VERBS)[number], extra: object) => ({ operationId: `${verb}${name}`, tags: [`resource${i}`], summary: `${verb} ${name}`, ...extra })
    paths[base] = {
      get: op('list', { parameters: [{ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' }], responses: { 200: ok({ type: 'object', properties: { data: { type: 'array', items: ref }, nextCursor: { type: 'string', nullable: true } } }), ...errors } }),
      post: op('create', { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }], requestBody: body, responses: { 201: ok(ref), ...errors } }),
    }
    paths[`${base}/{id}`] = {
      parameters: [id],
      get: op('get', { parameters: [{ name: 'expand', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: false }], responses: { 200: ok(ref), ...errors } }),
      patch: op('update', { requestBody: body, responses: { 200: ok(ref), ...errors } }),
      put: op('replace', { requestBody: body, responses: { 200: ok(ref), ...errors } }),
      delete: op('delete', { responses: { 204: { description: 'Deleted' }, ...errors } }),
    }
    paths[`${base}/{id}/archive`] = { parameters: [id], post: op('archive', { responses: { 200: ok(ref), ...errors } }) }
    paths[`${base}/{id}/restore`] = { parameters: [id], post: op('restore', { responses: { 200: ok(ref), ...errors } }) }
    paths[`${base}/search`] = { post: op('search', { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { query: { type: 'string' }, filter: ref } } } } }, responses: { 200: ok({ type: 'array', items: ref }), ...errors } }) }
    paths[`${base}/export`] = { get: op('export', { parameters: [{ name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'json'] } }], responses: { 200: { description: 'The export', content: { 'text/csv': { schema: { type: 'string' } } } } } }) }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Generated', version: '1.0.0', description: `${resources * VERBS.length} generated operations` },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      parameters: {
        Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' } },
        IdempotencyKey: { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } },
      },
      responses: { Error: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  }
}
