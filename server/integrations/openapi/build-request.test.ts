import { describe, expect, test } from 'vitest'
import { AppError } from '../../http/app-error'
import { buildRequest } from './build-request'
import { importOpenApi } from './import-document'
import type { OperationBody, OperationParameter, OperationSpec } from './operation'

function operation(overrides: Partial<OperationSpec> = {}): OperationSpec {
  return { method: 'get', path: '/pets', tags: [], deprecated: false, parameters: [], security: [], ...overrides }
}

function withBody(contentTypes: string[], required = true): OperationBody {
  return { required, contentTypes }
}

const base = { baseUrl: 'https://api.example.com' }

function thrown(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('base URL and path', () => {
  test.each([
    ['https://api.example.com', '/pets', 'https://api.example.com/pets'],
    ['https://api.example.com/', '/pets', 'https://api.example.com/pets'],
    ['https://api.example.com/v2', '/pets', 'https://api.example.com/v2/pets'],
    ['https://api.example.com/v2/', '/pets', 'https://api.example.com/v2/pets'],
    ['https://api.example.com/v2//', 'pets', 'https://api.example.com/v2/pets'],
    ['http://127.0.0.1:8080/api/v1', '/pets/', 'http://127.0.0.1:8080/api/v1/pets/'],
  ])('%s + %s', (baseUrl, path, expected) => {
    expect(buildRequest(operation({ path }), {}, { baseUrl }).url.href).toBe(expected)
  })

  test('a base URL query is kept before the operation query', () => {
    const op = operation({ parameters: [{ name: 'q', in: 'query', required: false }] })
    expect(buildRequest(op, { q: 'x' }, { baseUrl: 'https://api.example.com/v1?tenant=a' }).url.href).toBe(
      'https://api.example.com/v1/pets?tenant=a&q=x',
    )
  })

  test('a base URL that is not absolute http(s) is refused', () => {
    expect(thrown(() => buildRequest(operation(), {}, { baseUrl: '/v1' })).message).toMatch(/not an absolute URL/)
    expect(thrown(() => buildRequest(operation(), {}, { baseUrl: 'file:///etc' })).message).toMatch(
      /not an http\(s\) URL/,
    )
  })

  test('path parameters are encoded per segment, with label and matrix styles', () => {
    const op = operation({
      path: '/files/{name}/v{version}/{label}{matrix}',
      parameters: [
        { name: 'name', in: 'path', required: true },
        { name: 'version', in: 'path', required: true },
        { name: 'label', in: 'path', required: true, style: 'label', explode: true },
        { name: 'matrix', in: 'path', required: true, style: 'matrix' },
      ],
    })
    const { url } = buildRequest(op, { name: 'a/b c?#', version: 2, label: ['x', 'y'], matrix: 'z' }, base)
    expect(url.pathname).toBe('/files/a%2Fb%20c%3F%23/v2/.x.y;matrix=z')
    expect(url.search).toBe('')
  })

  test('"." and ".." path values are refused (URL parsing would resolve them to another endpoint)', () => {
    const op = operation({ path: '/files/{name}', parameters: [{ name: 'name', in: 'path', required: true }] })
    for (const name of ['..', '.']) {
      expect(thrown(() => buildRequest(op, { name }, base)).message).toMatch(/may not be "\." or "\.\."/)
    }
    const label = operation({
      path: '/files/{name}',
      parameters: [{ name: 'name', in: 'path', required: true, style: 'label' }],
    })
    expect(thrown(() => buildRequest(label, { name: '.' }, base)).message).toMatch(/may not be/)
    expect(buildRequest(op, { name: '...' }, base).url.pathname).toBe('/files/...')
    expect(buildRequest(op, { name: '%2e%2e' }, base).url.pathname).toBe('/files/%252e%252e')
  })

  test('a template variable no parameter declares is still filled', () => {
    expect(buildRequest(operation({ path: '/pets/{id}' }), { id: 7 }, base).url.pathname).toBe('/pets/7')
  })
})

describe('arguments', () => {
  const shared: OperationParameter[] = [
    { name: 'id', in: 'path', required: true },
    { name: 'id', in: 'header', required: false },
    { name: 'id', in: 'query', required: false },
  ]

  test('prefixed names pick a location; the plain name fills the others', () => {
    const op = operation({ path: '/pets/{id}', parameters: shared })
    const { url, init } = buildRequest(op, { id: 'p', header_id: 'h', query_id: 'q' }, base)
    expect(url.pathname).toBe('/pets/p')
    expect(url.search).toBe('?id=q')
    expect(new Headers(init.headers).get('id')).toBe('h')
    expect(buildRequest(op, { path_id: 'only' }, base).url.href).toBe('https://api.example.com/pets/only')
  })

  test("an imported parameter's inputName is the property it is read from, never its plain name", async () => {
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/pets/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          put: {
            parameters: [
              { name: 'id', in: 'header', schema: { type: 'string' } },
              { name: 'body', in: 'query', required: true, schema: { type: 'string' } },
            ],
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    })
    const [tool] = (await importOpenApi(text)).tools
    const op = tool!.operation
    const sent = buildRequest(op, { id: 'p', header_id: 'h', query_body: 'q', body: { a: 1 } }, base)
    expect(sent.url.href).toBe('https://api.example.com/pets/p?body=q')
    expect(new Headers(sent.init.headers).get('id')).toBe('h')
    expect(sent.init.body).toBe('{"a":1}')
    // `id` is the path's and `body` the request body's: neither leaks into the header or the query.
    const plain = buildRequest(op, { id: 'p', query_body: 'q' }, base)
    expect(new Headers(plain.init.headers).has('id')).toBe(false)
    expect(thrown(() => buildRequest(op, { id: 'p', body: 'x' }, base)).message).toBe(
      'Missing required arguments: query_body (query)',
    )
  })

  test('missing required parameters and body are listed in one error', () => {
    const op = operation({
      method: 'post',
      path: '/pets/{petId}',
      parameters: [
        { name: 'petId', in: 'path', required: true },
        { name: 'X-Tenant', in: 'header', required: true },
        { name: 'limit', in: 'query', required: false },
        { name: 'session', in: 'cookie', required: true },
      ],
      body: withBody(['application/json']),
    })
    const error = thrown(() => buildRequest(op, { limit: 1 }, base))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toBe('Missing required arguments: petId (path), X-Tenant (header), session (cookie), body')
  })

  test('query, header and cookie parameters are all sent; Accept/Content-Type/Authorization parameters are ignored', () => {
    const op = operation({
      parameters: [
        { name: 'tags', in: 'query', required: false },
        { name: 'X-Trace', in: 'header', required: false },
        { name: 'Authorization', in: 'header', required: false },
        { name: 'a', in: 'cookie', required: false },
        { name: 'b', in: 'cookie', required: false },
      ],
    })
    const { url, init } = buildRequest(
      op,
      { tags: ['x', 'y'], 'X-Trace': 't1', Authorization: 'Bearer mine', a: '1', b: 'two words' },
      base,
    )
    const headers = new Headers(init.headers)
    expect(url.search).toBe('?tags=x&tags=y')
    expect(headers.get('x-trace')).toBe('t1')
    expect(headers.get('authorization')).toBeNull()
    expect(headers.get('cookie')).toBe('a=1; b=two%20words')
    expect(init.method).toBe('GET')
  })
})

describe('bodies', () => {
  const post = (contentTypes: string[]) => operation({ method: 'post', body: withBody(contentTypes) })

  test('JSON (and +json) bodies', async () => {
    for (const type of ['application/json', 'application/merge-patch+json']) {
      const { init } = buildRequest(post([type]), { body: { name: 'Rex', tags: ['a'] } }, base)
      expect(new Headers(init.headers).get('content-type')).toBe(type)
      expect(JSON.parse(await new Response(init.body).text())).toEqual({ name: 'Rex', tags: ['a'] })
    }
  })

  test('form-urlencoded: arrays repeat the key, nested values use brackets', async () => {
    const { init } = buildRequest(
      post(['application/x-www-form-urlencoded']),
      { body: { name: 'R x', tag: ['a', 'b'], metadata: { plan: 'pro' }, items: [{ price: 7 }], none: null } },
      base,
    )
    const text = await new Response(init.body).text()
    expect(decodeURIComponent(text)).toBe('name=R+x&tag=a&tag=b&metadata[plan]=pro&items[0][price]=7&none=')
    expect(new Headers(init.headers).get('content-type')).toBe('application/x-www-form-urlencoded')
  })

  test('multipart: fields, repeated fields, JSON fields and files from { $base64 }', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255])
    const { init } = buildRequest(
      post(['multipart/form-data']),
      {
        body: {
          title: 'photo',
          count: 3,
          tags: ['a', 'b'],
          meta: { x: 1 },
          file: { $base64: btoa(String.fromCharCode(...png)), contentType: 'image/png', filename: 'p.png' },
          raw: { $base64: 'aGk' },
        },
      },
      base,
    )
    // fetch writes multipart/form-data with the boundary itself
    expect(new Headers(init.headers).get('content-type')).toBeNull()
    const form = await new Response(init.body).formData()
    expect(form.get('title')).toBe('photo')
    expect(form.get('count')).toBe('3')
    expect(form.getAll('tags')).toEqual(['a', 'b'])
    expect(form.get('meta')).toBe('{"x":1}')
    const file = form.get('file') as File
    expect(file.name).toBe('p.png')
    expect(file.type).toBe('image/png')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png)
    const raw = form.get('raw') as File
    expect(raw.name).toBe('raw')
    expect(await raw.text()).toBe('hi')
  })

  test('invalid base64 is refused with the field name', () => {
    expect(
      thrown(() => buildRequest(post(['multipart/form-data']), { body: { f: { $base64: '%%' } } }, base)).message,
    ).toBe('f: $base64 is not valid base64')
  })

  test('text/plain and octet-stream bodies', async () => {
    const text = buildRequest(post(['text/plain']), { body: 'hello' }, base)
    expect(await new Response(text.init.body).text()).toBe('hello')
    expect(new Headers(text.init.headers).get('content-type')).toBe('text/plain')
    const bin = buildRequest(post(['application/octet-stream']), { body: { $base64: 'AAEC' } }, base)
    expect(new Uint8Array(await new Response(bin.init.body).arrayBuffer())).toEqual(new Uint8Array([0, 1, 2]))
    const any = buildRequest(post(['image/*']), { body: { $base64: 'AAEC', contentType: 'image/gif' } }, base)
    expect(new Headers(any.init.headers).get('content-type')).toBe('image/gif')
  })

  test('contentType picks among the offered types and refuses others', async () => {
    const op = post(['application/json', 'application/x-www-form-urlencoded'])
    const picked = buildRequest(op, { body: { a: 1 }, contentType: 'application/x-www-form-urlencoded' }, base)
    expect(await new Response(picked.init.body).text()).toBe('a=1')
    expect(new Headers(buildRequest(op, { body: { a: 1 } }, base).init.headers).get('content-type')).toBe(
      'application/json',
    )
    const anyImage = operation({ method: 'put', body: withBody(['image/*']) })
    expect(
      thrown(() => buildRequest(anyImage, { body: 'x', contentType: 'image/png\r\nX-Evil: 1' }, base)).message,
    ).toBe('contentType must be a media type, one of: image/*')
    expect(thrown(() => buildRequest(op, { body: {}, contentType: 'text/plain' }, base)).message).toBe(
      'contentType text/plain is not offered by this operation; use one of: application/json, application/x-www-form-urlencoded',
    )
  })

  test('a body for an operation without one, or for GET, is refused; an optional body may be left out', () => {
    expect(thrown(() => buildRequest(operation({ method: 'post' }), { body: {} }, base)).message).toBe(
      'POST /pets takes no body',
    )
    expect(
      thrown(() => buildRequest(operation({ body: withBody(['application/json']) }), { body: {} }, base)).message,
    ).toMatch(/a GET request cannot carry one/)
    const optional = buildRequest(operation({ method: 'post', body: withBody(['application/json'], false) }), {}, base)
    expect(optional.init.body).toBeUndefined()
  })
})

describe('credentials', () => {
  test('the credential is applied and wins over a same-named parameter; secrets are returned', () => {
    const op = operation({
      parameters: [
        { name: 'api_key', in: 'query', required: false },
        { name: 'q', in: 'query', required: false },
      ],
    })
    const built = buildRequest(
      op,
      { api_key: 'agent', q: 'x' },
      {
        ...base,
        credential: { type: 'apiKey', in: 'query', name: 'api_key', key: 's3cr et' },
      },
    )
    expect(built.url.search).toBe('?q=x&api_key=s3cr%20et')
    expect(built.secrets).toContain('s3cr et')
    expect(built.secrets).toContain('s3cr%20et')
  })

  test('credential headers are named for the guarded fetch to drop on a cross-origin redirect', () => {
    const built = buildRequest(
      operation(),
      {},
      { ...base, credential: { type: 'apiKey', in: 'header', name: 'X-API-Key', key: 'k' } },
    )
    expect(built.init.credentialHeaders).toEqual(['x-api-key'])
    expect(new Headers(built.init.headers).get('x-api-key')).toBe('k')
  })
})
