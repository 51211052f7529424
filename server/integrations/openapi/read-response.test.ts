import { describe, expect, test } from 'vitest'
import { readResponse } from './read-response'
import { upstreamFailure } from './upstream-failure'

const SECRET = 'sk-canary-5b1f'
const options = { secrets: [SECRET], connectionName: 'billing', maxBytes: 1024 }

function response(body: BodyInit | null, init: ResponseInit & { type?: string } = {}) {
  const headers = new Headers(init.headers)
  if (init.type !== undefined) headers.set('content-type', init.type)
  return new Response(body, { status: init.status ?? 200, headers })
}

describe('decoding', () => {
  test('JSON by content type, including +json and a charset', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json']) {
      const result = await readResponse(response('{"id":1,"tags":["a"]}', { type }), options)
      expect(result).toEqual({ status: 200, headers: { 'content-type': type }, data: { id: 1, tags: ['a'] } })
    }
  })

  test('text kept as text; JSON that does not parse comes back as text', async () => {
    expect((await readResponse(response('hello', { type: 'text/plain' }), options)).data).toBe('hello')
    expect((await readResponse(response('{oops', { type: 'application/json' }), options)).data).toBe('{oops')
    expect((await readResponse(response('<a/>', { type: 'application/atom+xml' }), options)).data).toBe('<a/>')
  })

  test('binary as { $base64, contentType, filename } (the shape uploads take); empty bodies as null', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250])
    const result = await readResponse(
      response(bytes, { type: 'image/png', headers: { 'content-disposition': 'attachment; filename="a b.png"' } }),
      options,
    )
    expect(result.data).toEqual({ $base64: 'AAEC+g==', contentType: 'image/png', filename: 'a b.png' })
    expect((await readResponse(response(null, { status: 204 }), options)).data).toBeNull()
    const undeclared = await readResponse(new Response(new Uint8Array([0xff, 0xfe])), options)
    expect(undeclared.data).toEqual({ $base64: '//4=', contentType: 'application/octet-stream' })
  })

  test('a body past maxBytes is cut there and marked truncated', async () => {
    const result = await readResponse(response('x'.repeat(5000), { type: 'application/json' }), {
      ...options,
      maxBytes: 100,
    })
    expect(result.truncated).toBe(true)
    expect(result.data).toBe('x'.repeat(100))
    const whole = await readResponse(response('x'.repeat(100), { type: 'text/plain' }), { ...options, maxBytes: 100 })
    expect(whole.truncated).toBeUndefined()
  })

  test('a secret cut in half at maxBytes does not leave its beginning behind', async () => {
    const body = `token: ${SECRET} and more`
    const result = await readResponse(response(body, { type: 'text/plain' }), {
      ...options,
      maxBytes: 'token: '.length + 9,
    })
    expect(result.data).toBe('token: [redacted]')
  })
})

describe('headers', () => {
  test('a plain object without set-cookie or any header carrying a secret', async () => {
    const result = await readResponse(
      response('{}', {
        type: 'application/json',
        headers: { 'set-cookie': 'sid=1', 'x-echo': `Bearer ${SECRET}`, 'x-request-id': 'r1' },
      }),
      options,
    )
    expect(result.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'r1' })
  })
})

describe('redaction', () => {
  test('every secret form, in text, JSON strings and keys, and binary bodies', async () => {
    const secrets = [SECRET, 'c2stY2FuYXJ5']
    const json = await readResponse(
      response(JSON.stringify({ echo: `key=${SECRET}`, [SECRET]: ['x', { deep: 'Basic c2stY2FuYXJ5' }] }), {
        type: 'application/json',
      }),
      { ...options, secrets },
    )
    expect(json.data).toEqual({ echo: 'key=[redacted]', '[redacted]': ['x', { deep: 'Basic [redacted]' }] })
    const escaped = await readResponse(response('{"a":"\\u0073k-canary-5b1f"}', { type: 'application/json' }), options)
    expect(escaped.data).toEqual({ a: '[redacted]' })
    const text = await readResponse(response(`${SECRET}${SECRET}`, { type: 'text/html' }), options)
    expect(text.data).toBe('[redacted][redacted]')
    const binary = await readResponse(response(`\0${SECRET}\0`, { type: 'application/octet-stream' }), options)
    expect(atob((binary.data as { $base64: string }).$base64)).toBe('\0[redacted]\0')
  })

  test('the longer of two overlapping secrets is redacted whole', async () => {
    const result = await readResponse(response('abcdef', { type: 'text/plain' }), {
      ...options,
      secrets: ['abc', 'abcdef'],
    })
    expect(result.data).toBe('[redacted]')
  })
})

describe('errors', () => {
  test.each([
    [{ message: 'Pet not found' }, 'Pet not found'],
    [{ error: 'invalid_grant', error_description: 'Code expired' }, 'Code expired'],
    [{ error: { message: 'Nested' } }, 'Nested'],
    [{ detail: 'Problem detail' }, 'Problem detail'],
    [{ errors: [{ message: 'First of many' }] }, 'First of many'],
  ])('non-2xx with JSON %j says the upstream message', async (body, said) => {
    const error = await upstreamFailure(
      readResponse(response(JSON.stringify(body), { status: 404, type: 'application/json' }), options),
    )
    expect(error.status).toBe(404)
    expect(error.message).toBe(`The upstream answered HTTP 404: ${said}`)
  })

  test('a text error is shortened to a snippet, tags removed', async () => {
    const error = await upstreamFailure(
      readResponse(
        response(`<html><body><h1>Bad   gateway</h1>${'z'.repeat(500)}</body></html>`, {
          status: 502,
          type: 'text/html',
        }),
        options,
      ),
    )
    expect(error.message.startsWith('The upstream answered HTTP 502: Bad gateway zzz')).toBe(true)
    expect(error.message.length).toBeLessThan(400)
  })

  test.each([401, 403])('%i names the connection whose credential was rejected', async (status) => {
    const error = await upstreamFailure(
      readResponse(
        response(JSON.stringify({ message: `Bad credentials: ${SECRET}` }), { status, type: 'application/json' }),
        options,
      ),
    )
    expect(error.status).toBe(status)
    expect(error.message).toBe(
      `The upstream rejected the credential of connection "billing" (HTTP ${status}): Bad credentials: [redacted]`,
    )
  })

  test('an error without a body says the status', async () => {
    expect((await upstreamFailure(readResponse(response(null, { status: 500 }), options))).message).toBe(
      'The upstream answered HTTP 500',
    )
  })
})
