import { z } from 'zod'
import { expect, test } from 'vitest'
import { AppError } from './app-error'
import { readJsonBody } from './json-body'

const Schema = z.object({ name: z.string().min(1, 'Name is required'), days: z.number().int().optional() })
const post = (body: string, type = 'application/json') =>
  new Request('http://x/api/t', { method: 'POST', headers: { 'content-type': type }, body })

async function rejection(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

test('returns the parsed body when it matches the schema', async () => {
  expect(await readJsonBody(post('{"name":"ci","days":3}'), Schema)).toEqual({ name: 'ci', days: 3 })
})

test('names the first invalid field and lists every issue', async () => {
  const error = await rejection(readJsonBody(post('{"name":"","days":1.5}'), Schema))
  expect(error.code).toBe('BAD_REQUEST')
  expect(error.message).toBe('Invalid request body: name: Name is required')
  expect(error.details?.issues).toHaveLength(2)
})

test('refuses a non-JSON content type with 415 and malformed JSON with 400', async () => {
  expect((await rejection(readJsonBody(post('name=x', 'application/x-www-form-urlencoded'), Schema))).status).toBe(415)
  expect((await rejection(readJsonBody(post('{'), Schema))).status).toBe(400)
})
